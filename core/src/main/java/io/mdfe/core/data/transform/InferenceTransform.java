package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;

/**
 * The upstream inference transform: resize to size x size (bicubic, antialiased), scale to [0, 1],
 * then normalise each channel with the backbone's mean and std.
 */
public final class InferenceTransform {

    private final int size;
    private final float[] mean;
    private final float[] std;

    /**
     * @param size output height and width in pixels
     * @param mean per-channel mean (r, g, b) of [0, 1] pixels
     * @param std per-channel standard deviation (r, g, b)
     */
    public InferenceTransform(int size, float[] mean, float[] std) {
        if (size < 1) {
            throw new IllegalArgumentException("TRANSFORM.size must be >= 1, got " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("TRANSFORM.mean and TRANSFORM.std need 3 values (r, g, b)");
        }
        for (float s : std) {
            if (!(s > 0f)) {
                throw new IllegalArgumentException("TRANSFORM.std values must be > 0, got " + s);
            }
        }
        this.size = size;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** Output height and width. */
    public int size() {
        return size;
    }

    /** Transforms one image to planar (3, size, size) floats. */
    public float[] apply(RgbImage image) {
        float[] out = BicubicResampler.resize(image, 0, 0, image.width(), image.height(), size, size);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c] * 255f;
            float shift = m / std[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                out[i] = out[i] / s - shift;
            }
        }
        return out;
    }
}
