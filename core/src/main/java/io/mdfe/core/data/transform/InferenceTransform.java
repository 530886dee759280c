package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.Random;

/**
 * The upstream inference transform: resize to size x size (bicubic, antialiased), scale to [0, 1],
 * then normalise each channel with the backbone's mean and std. Deterministic: the random source
 * of {@link ImageTransform#apply(RgbImage, Random)} is ignored.
 */
public final class InferenceTransform implements ImageTransform {

    private final int size;
    private final Normalization normalization;

    /**
     * @param size output height and width in pixels
     * @param mean per-channel mean (r, g, b) of [0, 1] pixels
     * @param std per-channel standard deviation (r, g, b)
     */
    public InferenceTransform(int size, float[] mean, float[] std) {
        this.size = TransformRegistry.requireSize(size);
        this.normalization = new Normalization(mean, std);
    }

    @Override
    public int size() {
        return size;
    }

    /** Transforms one image to planar (3, size, size) floats. */
    public float[] apply(RgbImage image) {
        return normalization.apply(BicubicResampler.resize(image, 0, 0, image.width(), image.height(), size, size));
    }

    @Override
    public float[] apply(RgbImage image, Random rng) {
        return apply(image);
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public String cacheKey() {
        return "inference/" + size + "/" + normalization;
    }
}
