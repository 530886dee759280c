package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;

/**
 * Separable bicubic resampling with antialiasing, as PIL's {@code Image.resize(..., BICUBIC)}
 * (which upstream's torchvision transforms call on PIL images) and torch's
 * {@code interpolate(mode="bicubic", antialias=True)}.
 *
 * <p>Keys cubic kernel with a = -0.5; when shrinking, the kernel is stretched by the scale factor so
 * every input pixel contributes (that is the antialiasing). Like PIL on 8-bit images, the
 * horizontal pass runs first and its result is rounded and clipped to 0..255 before the vertical
 * pass: clipping the cubic overshoot there changes enlarged edges by several levels, so matching it
 * is what keeps us within 1/255 of upstream.
 */
public final class BicubicResampler {

    private static final double A = -0.5;
    private static final double SUPPORT = 2.0;

    private BicubicResampler() {
    }

    /**
     * Resizes the region {@code (x0, y0, x0 + cropW, y0 + cropH)} of {@code image} to
     * {@code outW x outH} and returns planar float samples holding whole values 0..255, channel-major (C, H, W).
     */
    public static float[] resize(RgbImage image, double x0, double y0, double cropW, double cropH,
                                 int outW, int outH) {
        Weights wx = Weights.of(image.width(), x0, x0 + cropW, outW);
        Weights wy = Weights.of(image.height(), y0, y0 + cropH, outH);
        // horizontal pass over the rows the vertical pass needs, then the vertical pass
        int rowMin = wy.min[0];
        int rowMax = 0;
        for (int o = 0; o < outH; o++) {
            rowMin = Math.min(rowMin, wy.min[o]);
            rowMax = Math.max(rowMax, wy.min[o] + wy.count[o]);
        }
        int rows = rowMax - rowMin;
        float[] horizontal = new float[3 * rows * outW];
        for (int r = 0; r < rows; r++) {
            int y = r + rowMin;
            for (int o = 0; o < outW; o++) {
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                int base = o * wx.stride;
                for (int k = 0; k < wx.count[o]; k++) {
                    double w = wx.weights[base + k];
                    int x = wx.min[o] + k;
                    s0 += w * image.sample(x, y, 0);
                    s1 += w * image.sample(x, y, 1);
                    s2 += w * image.sample(x, y, 2);
                }
                horizontal[(0 * rows + r) * outW + o] = clip8(s0);
                horizontal[(1 * rows + r) * outW + o] = clip8(s1);
                horizontal[(2 * rows + r) * outW + o] = clip8(s2);
            }
        }
        float[] out = new float[3 * outH * outW];
        for (int c = 0; c < 3; c++) {
            for (int o = 0; o < outH; o++) {
                int base = o * wy.stride;
                for (int x = 0; x < outW; x++) {
                    double s = 0;
                    for (int k = 0; k < wy.count[o]; k++) {
                        s += wy.weights[base + k] * horizontal[(c * rows + wy.min[o] + k - rowMin) * outW + x];
                    }
                    out[(c * outH + o) * outW + x] = clip8(s);
                }
            }
        }
        return out;
    }

    private static float clip8(double v) {
        return (float) Math.min(255.0, Math.max(0.0, Math.rint(v)));
    }

    private static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1.0) {
            return ((A + 2.0) * x - (A + 3.0)) * x * x + 1.0;
        }
        if (x < 2.0) {
            return (((x - 5.0) * x + 8.0) * x - 4.0) * A;
        }
        return 0.0;
    }

    /** Normalised kernel weights for each output index along one axis (PIL's precompute_coeffs). */
    private static final class Weights {
        final int[] min;
        final int[] count;
        final double[] weights;
        final int stride;

        private Weights(int[] min, int[] count, double[] weights, int stride) {
            this.min = min;
            this.count = count;
            this.weights = weights;
            this.stride = stride;
        }

        static Weights of(int inSize, double in0, double in1, int outSize) {
            double scale = (in1 - in0) / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] min = new int[outSize];
            int[] count = new int[outSize];
            double[] weights = new double[outSize * stride];
            for (int o = 0; o < outSize; o++) {
                double center = in0 + (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                int n = Math.min(hi - lo, stride);
                double total = 0;
                for (int k = 0; k < n; k++) {
                    double w = cubic((k + lo - center + 0.5) / filterScale);
                    weights[o * stride + k] = w;
                    total += w;
                }
                if (total != 0) {
                    for (int k = 0; k < n; k++) {
                        weights[o * stride + k] /= total;
                    }
                }
                min[o] = lo;
                count[o] = n;
            }
            return new Weights(min, count, weights, stride);
        }
    }
}
