package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;

/**
 * Separable bicubic resampling with antialiasing, bit-exact with PIL's {@code Image.resize(..., BICUBIC)}
 * on 8-bit RGB images (which upstream's torchvision transforms call on PIL images).
 *
 * <p>Keys cubic kernel with a = -0.5; when shrinking, the kernel is stretched by the scale factor so
 * every input pixel contributes (that is the antialiasing). Like PIL, the weights are turned into
 * 22-bit fixed point, the horizontal pass runs first and its result is rounded and clipped to 0..255
 * before the vertical pass: clipping the cubic overshoot there changes enlarged edges by several
 * levels, and integer weights are what make the result identical rather than merely close. The
 * integer inner loops over the interleaved bytes are also what makes this fast.
 *
 * <p>Three entry points mirror the three ways torchvision asks PIL for pixels: a resize of a box
 * ({@link #resize}), a window of a resized image ({@link #resizeWindow}, Resize then CenterCrop) and
 * a crop that is then resized ({@link #resizeCrop}, RandomResizedCrop: the kernel stops at the crop's
 * edges because PIL crops first).
 */
public final class BicubicResampler {

    private static final double A = -0.5;
    private static final double SUPPORT = 2.0;
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private BicubicResampler() {
    }

    /**
     * Resizes the region {@code (x0, y0, x0 + cropW, y0 + cropH)} of {@code image} to
     * {@code outW x outH} (PIL's {@code resize(size, box=...)}: the kernel may read pixels outside
     * the box) and returns planar float samples holding whole values 0..255, channel-major (C, H, W).
     */
    public static float[] resize(RgbImage image, double x0, double y0, double cropW, double cropH,
                                 int outW, int outH) {
        AxisWeights wx = AxisWeights.of(0, image.width(), x0, x0 + cropW, outW, 0, outW);
        AxisWeights wy = AxisWeights.of(0, image.height(), y0, y0 + cropH, outH, 0, outH);
        return resample(image, wx, wy);
    }

    /**
     * The window {@code [left, left + outW) x [top, top + outH)} of {@code image} resized to
     * {@code fullW x fullH}: torchvision's Resize followed by CenterCrop, computing only the kept
     * pixels.
     */
    public static float[] resizeWindow(RgbImage image, int fullW, int fullH, int left, int top,
                                       int outW, int outH) {
        if (left < 0 || top < 0 || left + outW > fullW || top + outH > fullH) {
            throw new IllegalArgumentException("window " + outW + "x" + outH + "+" + left + "+" + top
                    + " lies outside the resized " + fullW + "x" + fullH + " image");
        }
        AxisWeights wx = AxisWeights.of(0, image.width(), 0, image.width(), fullW, left, outW);
        AxisWeights wy = AxisWeights.of(0, image.height(), 0, image.height(), fullH, top, outH);
        return resample(image, wx, wy);
    }

    /**
     * Crops {@code box} out of {@code image}, then resizes the crop to {@code outW x outH}
     * (torchvision's {@code resized_crop} on a PIL image).
     */
    public static float[] resizeCrop(RgbImage image, CropBox box, int outW, int outH) {
        box.requireWithin(image.width(), image.height());
        AxisWeights wx = AxisWeights.of(box.left(), box.width(), 0, box.width(), outW, 0, outW);
        AxisWeights wy = AxisWeights.of(box.top(), box.height(), 0, box.height(), outH, 0, outH);
        return resample(image, wx, wy);
    }

    private static float[] resample(RgbImage image, AxisWeights wx, AxisWeights wy) {
        int outW = wx.count.length;
        int outH = wy.count.length;
        int rowMin = Integer.MAX_VALUE;
        int rowMax = 0;
        for (int o = 0; o < outH; o++) {
            rowMin = Math.min(rowMin, wy.min[o]);
            rowMax = Math.max(rowMax, wy.min[o] + wy.count[o]);
        }
        int[] horizontal = horizontalPass(image, wx, rowMin, rowMax - rowMin);
        return verticalPass(horizontal, wy, rowMin, outW);
    }

    /** Rows {@code rowMin ..} of the image resized horizontally, interleaved, rounded to 0..255. */
    private static int[] horizontalPass(RgbImage image, AxisWeights wx, int rowMin, int rows) {
        byte[] rgb = image.rgb();
        int inStride = image.width() * 3;
        int outW = wx.count.length;
        int[] kk = wx.fixed;
        int ksize = wx.stride;
        int[] out = new int[rows * outW * 3];
        for (int r = 0; r < rows; r++) {
            int rowBase = (r + rowMin) * inStride;
            int outBase = r * outW * 3;
            for (int o = 0; o < outW; o++) {
                int s0 = HALF;
                int s1 = HALF;
                int s2 = HALF;
                int p = rowBase + wx.min[o] * 3;
                int kBase = o * ksize;
                int n = wx.count[o];
                for (int k = 0; k < n; k++, p += 3) {
                    int w = kk[kBase + k];
                    s0 += (rgb[p] & 0xff) * w;
                    s1 += (rgb[p + 1] & 0xff) * w;
                    s2 += (rgb[p + 2] & 0xff) * w;
                }
                int q = outBase + o * 3;
                out[q] = clip8(s0);
                out[q + 1] = clip8(s1);
                out[q + 2] = clip8(s2);
            }
        }
        return out;
    }

    /** Vertical pass over the interleaved horizontal result, written planar (C, H, W). */
    private static float[] verticalPass(int[] horizontal, AxisWeights wy, int rowMin, int outW) {
        int outH = wy.count.length;
        int rowLen = outW * 3;
        int plane = outW * outH;
        float[] out = new float[3 * plane];
        int[] acc = new int[rowLen];
        for (int o = 0; o < outH; o++) {
            java.util.Arrays.fill(acc, HALF);
            int kBase = o * wy.stride;
            for (int k = 0; k < wy.count[o]; k++) {
                int w = wy.fixed[kBase + k];
                int src = (wy.min[o] + k - rowMin) * rowLen;
                for (int i = 0; i < rowLen; i++) {
                    acc[i] += horizontal[src + i] * w;
                }
            }
            int dst = o * outW;
            for (int x = 0; x < outW; x++) {
                out[dst + x] = clip8(acc[3 * x]);
                out[plane + dst + x] = clip8(acc[3 * x + 1]);
                out[2 * plane + dst + x] = clip8(acc[3 * x + 2]);
            }
        }
        return out;
    }

    private static int clip8(int fixed) {
        int v = fixed >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
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

    /**
     * Fixed-point kernel weights along one axis for output indices {@code first .. first + count}
     * of a {@code fullOut}-long resize of the source span {@code [lo, lo + len)} (PIL's
     * precompute_coeffs + normalize_coeffs_8bpc, on the span as if it were the whole image).
     */
    private static final class AxisWeights {
        final int[] min;
        final int[] count;
        final int[] fixed;
        final int stride;

        private AxisWeights(int[] min, int[] count, int[] fixed, int stride) {
            this.min = min;
            this.count = count;
            this.fixed = fixed;
            this.stride = stride;
        }

        static AxisWeights of(int lo, int len, double in0, double in1, int fullOut, int first, int outCount) {
            if (fullOut < 1 || outCount < 1) {
                throw new IllegalArgumentException("output size must be >= 1, got " + fullOut + "/" + outCount);
            }
            double scale = (in1 - in0) / fullOut;
            double filterScale = Math.max(scale, 1.0);
            double support = SUPPORT * filterScale;
            double ss = 1.0 / filterScale;
            int stride = (int) Math.ceil(support) * 2 + 1;
            int[] min = new int[outCount];
            int[] count = new int[outCount];
            int[] fixed = new int[outCount * stride];
            double[] w = new double[stride];
            for (int i = 0; i < outCount; i++) {
                double center = in0 + (first + i + 0.5) * scale;
                int xmin = Math.max((int) (center - support + 0.5), 0);
                int xmax = Math.min((int) (center + support + 0.5), len) - xmin;
                int n = Math.min(xmax, stride);
                double total = 0;
                for (int k = 0; k < n; k++) {
                    w[k] = cubic((k + xmin - center + 0.5) * ss);
                    total += w[k];
                }
                for (int k = 0; k < n; k++) {
                    double v = total != 0.0 ? w[k] / total : w[k];
                    fixed[i * stride + k] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS)
                            : 0.5 + v * (1 << PRECISION_BITS));
                }
                min[i] = lo + xmin;
                count[i] = Math.max(n, 0);
            }
            return new AxisWeights(min, count, fixed, stride);
        }
    }
}
