package io.mdfe.core.data.transform;

import java.util.List;

/**
 * torchvision's ToTensor + Normalize on planar 0..255 samples: {@code (x / 255 - mean) / std} per
 * channel, in place.
 */
public final class Normalization {

    private final float[] mean;
    private final float[] std;

    /**
     * @param mean per-channel mean (r, g, b) of [0, 1] pixels
     * @param std per-channel standard deviation (r, g, b), each > 0
     */
    public Normalization(float[] mean, float[] std) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("TRANSFORM.mean and TRANSFORM.std need 3 values (r, g, b)");
        }
        for (float s : std) {
            if (!(s > 0f)) {
                throw new IllegalArgumentException("TRANSFORM.std values must be > 0, got " + s);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The same from config lists (TRANSFORM.mean / TRANSFORM.std). */
    public static Normalization of(List<Double> mean, List<Double> std) {
        return new Normalization(toFloats(mean), toFloats(std));
    }

    /** Normalises planar (3, H, W) samples of 0..255 in place and returns them. */
    public float[] apply(float[] chw) {
        int plane = chw.length / 3;
        for (int c = 0; c < 3; c++) {
            float scale = std[c] * 255f;
            float shift = mean[c] / std[c];
            for (int i = c * plane; i < (c + 1) * plane; i++) {
                chw[i] = chw[i] / scale - shift;
            }
        }
        return chw;
    }

    /** {@code mean=[r, g, b] std=[r, g, b]}, exact values: part of transform cache keys. */
    @Override
    public String toString() {
        return "mean=" + java.util.Arrays.toString(mean) + " std=" + java.util.Arrays.toString(std);
    }

    private static float[] toFloats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
