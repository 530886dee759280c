package io.mdfe.core.data.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One batch of transformed images, in epoch order. Items that could not be decoded are left out
 * (listed in {@link #skipped()}), so a batch may hold fewer than the batch size.
 *
 * @param epoch the epoch
 * @param number the batch's position in the epoch, from 0
 * @param indices the item indices (into the pipeline's file list) of the images, in order
 * @param pixels {@code indices.length * 3 * size * size} floats, (N, C, H, W) row-major
 * @param size image height and width
 * @param skipped the items of this batch that were left out
 */
public record Batch(int epoch, int number, int[] indices, float[] pixels, int size, List<SkippedImage> skipped) {

    /** Checks the pixel count. */
    public Batch {
        if (pixels.length != indices.length * 3 * size * size) {
            throw new IllegalArgumentException("batch of " + indices.length + " images of " + size + " px needs "
                    + (indices.length * 3 * size * size) + " floats, got " + pixels.length);
        }
        skipped = List.copyOf(skipped);
    }

    /** Images in the batch. */
    public int count() {
        return indices.length;
    }

    /** The pixels as an (N, 3, size, size) float32 array on {@code manager}; close it with the manager's scope. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(pixels, new Shape(indices.length, 3, size, size));
    }
}
