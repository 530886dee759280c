package io.mdfe.core.embed;

import io.mdfe.core.data.pipeline.SkippedImage;
import io.mdfe.core.io.NpyMatrix;
import java.util.List;

/**
 * Embeddings of a list of images: one row per readable image, in input order.
 *
 * @param vectors the embeddings
 * @param items for each row, the index of its image in the input list
 * @param skipped the images that could not be decoded (empty in strict mode)
 */
public record Embeddings(NpyMatrix vectors, int[] items, List<SkippedImage> skipped) {

    /** Checks that every row names its image. */
    public Embeddings {
        if (items.length != vectors.rows()) {
            throw new IllegalArgumentException(vectors.rows() + " embeddings but " + items.length + " item indices");
        }
        skipped = List.copyOf(skipped);
    }
}
