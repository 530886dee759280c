package io.mdfe.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for differentiable code.
 *
 * <p>DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code maximum(Number)} and their
 * kin wrap the number in a tensor over a Java direct buffer ({@code from_blob}) and close that
 * tensor as soon as the op returns. Autograd keeps the operand for the backward pass (d(a*s)/da =
 * s), so once a garbage collection frees the buffer, the backward reads freed memory: gradients
 * of 1e10 or NaN after any GC between forward and backward. The scalar made here is allocated by
 * libtorch itself ({@code full}), so the graph owns it. Ops whose backward keeps no operand
 * ({@code add}, {@code sub}) and {@code clip} (native scalars) are safe with plain numbers.
 */
public final class AutogradScalars {

    private AutogradScalars() {}

    /**
     * Returns a 0-d tensor of {@code value} in {@code like}'s manager, with its data type.
     *
     * @param like the array the scalar will be combined with
     * @param value the scalar
     * @return a libtorch-owned scalar tensor
     */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
