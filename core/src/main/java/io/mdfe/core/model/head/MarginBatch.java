package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;

/**
 * One training batch as the margin hooks of {@link MarginHead} see it.
 *
 * @param embeddings raw embeddings x, B x d (not normalised)
 * @param cosine cos(x, W) after the sub-centre max and clamping, B x C
 * @param targetMask one-hot of the labels, B x C, same data type as {@code cosine}
 * @param targetCosine the target column cos_{i, y_i} of each row, length B
 */
public record MarginBatch(
        NDArray embeddings, NDArray cosine, NDArray targetMask, NDArray targetCosine) {

    /**
     * Returns the batch size B.
     *
     * @return the number of rows
     */
    public int size() {
        return (int) cosine.getShape().get(0);
    }

    /**
     * Replaces the target column of each row, keeping the other entries: {@code logits * (1 -
     * mask) + mask * target}. Masks instead of in-place writes so autograd sees both parts.
     *
     * @param logits B x C values for the non-target entries
     * @param target length-B values for the target entries
     * @return the combined B x C array
     */
    public NDArray replaceTarget(NDArray logits, NDArray target) {
        NDArray others = logits.mul(targetMask.neg().add(1f));
        return others.add(targetMask.mul(target.expandDims(1)));
    }

    /**
     * Spreads a per-row value over the target column, zero elsewhere: {@code mask * value}.
     *
     * @param perRow length-B values
     * @return the B x C array
     */
    public NDArray onTarget(NDArray perRow) {
        return targetMask.mul(perRow.expandDims(1));
    }
}
