package io.mdfe.core.eval.baseline;

import io.mdfe.core.config.MdfeConfig;

/**
 * What a baseline may take from the run or the command line.
 *
 * @param maxImagePixels DATASET.max_image_pixels: larger images are refused from their header
 * @param seed the seed of random baselines (the config's SEED)
 * @param dim the width of baselines whose width is free (the config's MODEL.embedding_dim)
 */
public record BaselineSettings(long maxImagePixels, long seed, int dim) {

    /** DATASET.max_image_pixels, SEED and MODEL.embedding_dim of {@code config}. */
    public static BaselineSettings of(MdfeConfig config) {
        return new BaselineSettings(config.dataset().maxImagePixels(), config.seed(), config.model().embeddingDim());
    }

    /** Checks the values. */
    public BaselineSettings {
        if (maxImagePixels < 1 || dim < 1) {
            throw new IllegalArgumentException("baseline max image pixels and dim must be >= 1, got "
                    + maxImagePixels + " and " + dim);
        }
    }
}
