package io.mdfe.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One training batch's network input: images (N, 3, S, S) or cached backbone features (N, D), and the
 * training-set indices of its samples (for their labels).
 *
 * @param indices sample indices, in batch order
 * @param values the input, row-major
 * @param shape its shape
 */
record InputBatch(int[] indices, float[] values, Shape shape) {

    /** The input as an array on {@code manager}. */
    NDArray toNDArray(NDManager manager) {
        return manager.create(values, shape);
    }

    /** Samples in the batch. */
    int count() {
        return indices.length;
    }
}
