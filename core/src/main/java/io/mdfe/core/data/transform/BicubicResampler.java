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
 * integer arithmetic is also what makes this fast (see {@link HorizontalPass} and {@link #resample}).
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

    /**
     * Both passes, streamed: each horizontally resized source row is computed once, into a ring of
     * as many rows as the vertical kernel spans, and each output row is summed from the ring. The
     * working set stays in the L1/L2 cache instead of a whole-image intermediate; the sums, their
     * order and the rounding are PIL's, so the output is unchanged.
     */
    private static float[] resample(RgbImage image, AxisWeights wx, AxisWeights wy) {
        int outW = wx.count.length;
        int outH = wy.count.length;
        int plane = outW * outH;
        float[] out = new float[3 * plane];
        int ringRows = wy.stride;
        int[][] ring = new int[ringRows][3 * outW];
        int[] acc = new int[3 * outW];
        HorizontalPass horizontal = new HorizontalPass(wx, image.width());
        int next = Integer.MIN_VALUE;
        for (int o = 0; o < outH; o++) {
            int first = wy.min[o];
            int n = wy.count[o];
            // PIL's windows only move forward, so rows below `first` are never needed again
            for (int r = Math.max(first, next); r < first + n; r++) {
                horizontal.row(image, r, ring[r % ringRows]);
            }
            next = Math.max(next, first + n);
            verticalRow(ring, ringRows, wy, o, acc);
            for (int c = 0; c < 3; c++) {
                int src = c * outW;
                int dst = c * plane + o * outW;
                for (int x = 0; x < outW; x++) {
                    out[dst + x] = clip8(acc[src + x]);
                }
            }
        }
        return out;
    }

    /**
     * The horizontal pass over one source row at a time, with its buffers reused across rows.
     *
     * <p>The row is unpacked so that red and green share a long (red in the low 32 bits, green in
     * the high): one 64-bit multiply-add then does both channels' fixed-point products. Red's sum
     * fits an int (PIL's accumulators are 32-bit too), so the low 32 bits are exactly red's sum and
     * the rest, shifted down, green's. Blue has its own ints.
     *
     * <p>The sums run a few taps at a time over all columns (long, unrollable loops instead of a 5-13
     * tap loop per column: 5 or 3 taps, then 4 at a time), every column over the full kernel width: its weights past its count are
     * 0, so the extra products add nothing, and zero padding past the row end keeps the reads in
     * bounds.
     */
    private static final class HorizontalPass {
        private final AxisWeights wx;
        private final long[] redGreen;
        private final int[] blue;
        private final long[] sumRedGreen;
        private final int[] sumBlue;

        HorizontalPass(AxisWeights wx, int imageWidth) {
            this.wx = wx;
            redGreen = new long[imageWidth + wx.stride];
            blue = new int[imageWidth + wx.stride];
            sumRedGreen = new long[wx.min.length];
            sumBlue = new int[wx.min.length];
        }

        /** Source row {@code y} resized into {@code out}: planar runs of outW (r, g, b), rounded to 0..255. */
        void row(RgbImage image, int y, int[] out) {
            byte[] rgb = image.rgb();
            int width = image.width();
            for (int x = 0, p = y * width * 3; x < width; x++, p += 3) {
                redGreen[x] = (rgb[p] & 0xffL) | (rgb[p + 1] & 0xffL) << 32;
                blue[x] = rgb[p + 2] & 0xff;
            }
            int[] min = wx.min;
            int[] byTap = wx.byTap;
            int outW = min.length;
            // the kernel width is odd (2 ceil(support) + 1 >= 5): a first sweep of 5 or 3 taps sets the sums,
            // then sweeps of 4 add to them; few sweeps mean few loads and stores of the sums
            long halfRedGreen = HALF | (long) HALF << 32;
            int k;
            if (wx.stride % 4 == 1) {
                int t0 = 0;
                int t1 = outW;
                int t2 = 2 * outW;
                int t3 = 3 * outW;
                int t4 = 4 * outW;
                for (int o = 0; o < outW; o++) {
                    int w0 = byTap[t0 + o];
                    int w1 = byTap[t1 + o];
                    int w2 = byTap[t2 + o];
                    int w3 = byTap[t3 + o];
                    int w4 = byTap[t4 + o];
                    int p = min[o];
                    sumRedGreen[o] = halfRedGreen + redGreen[p] * w0 + redGreen[p + 1] * w1 + redGreen[p + 2] * w2
                            + redGreen[p + 3] * w3 + redGreen[p + 4] * w4;
                    sumBlue[o] = HALF + blue[p] * w0 + blue[p + 1] * w1 + blue[p + 2] * w2 + blue[p + 3] * w3
                            + blue[p + 4] * w4;
                }
                k = 5;
            } else {
                int t0 = 0;
                int t1 = outW;
                int t2 = 2 * outW;
                for (int o = 0; o < outW; o++) {
                    int w0 = byTap[t0 + o];
                    int w1 = byTap[t1 + o];
                    int w2 = byTap[t2 + o];
                    int p = min[o];
                    sumRedGreen[o] = halfRedGreen + redGreen[p] * w0 + redGreen[p + 1] * w1 + redGreen[p + 2] * w2;
                    sumBlue[o] = HALF + blue[p] * w0 + blue[p + 1] * w1 + blue[p + 2] * w2;
                }
                k = 3;
            }
            for (; k + 3 < wx.stride; k += 4) {
                int t0 = k * outW;
                int t1 = t0 + outW;
                int t2 = t1 + outW;
                int t3 = t2 + outW;
                for (int o = 0; o < outW; o++) {
                    int w0 = byTap[t0 + o];
                    int w1 = byTap[t1 + o];
                    int w2 = byTap[t2 + o];
                    int w3 = byTap[t3 + o];
                    int p = min[o] + k;
                    sumRedGreen[o] += redGreen[p] * w0 + redGreen[p + 1] * w1 + redGreen[p + 2] * w2
                            + redGreen[p + 3] * w3;
                    sumBlue[o] += blue[p] * w0 + blue[p + 1] * w1 + blue[p + 2] * w2 + blue[p + 3] * w3;
                }
            }
            for (int o = 0; o < outW; o++) {
                long rg = sumRedGreen[o];
                int r = (int) rg;
                out[o] = clip8(r);
                out[outW + o] = clip8((int) ((rg - r) >> 32));
                out[2 * outW + o] = clip8(sumBlue[o]);
            }
        }
    }

    /** The fixed-point vertical sums of output row {@code o} from the ring of horizontal rows. */
    private static void verticalRow(int[][] ring, int ringRows, AxisWeights wy, int o, int[] acc) {
        int first = wy.min[o];
        int n = wy.count[o];
        int kBase = o * wy.stride;
        int len = acc.length;
        java.util.Arrays.fill(acc, HALF);
        int k = 0;
        // as in the horizontal pass: four rows per sweep, exact in any order
        for (; k + 3 < n; k += 4) {
            int w0 = wy.fixed[kBase + k];
            int w1 = wy.fixed[kBase + k + 1];
            int w2 = wy.fixed[kBase + k + 2];
            int w3 = wy.fixed[kBase + k + 3];
            int[] r0 = ring[(first + k) % ringRows];
            int[] r1 = ring[(first + k + 1) % ringRows];
            int[] r2 = ring[(first + k + 2) % ringRows];
            int[] r3 = ring[(first + k + 3) % ringRows];
            for (int i = 0; i < len; i++) {
                acc[i] += r0[i] * w0 + r1[i] * w1 + r2[i] * w2 + r3[i] * w3;
            }
        }
        for (; k < n; k++) {
            int w = wy.fixed[kBase + k];
            int[] row = ring[(first + k) % ringRows];
            for (int i = 0; i < len; i++) {
                acc[i] += row[i] * w;
            }
        }
    }

    private static int clip8(int fixed) {
        // branch-free: overshoot past 0 or 255 is common at edges and would mispredict
        return Math.max(0, Math.min(fixed >> PRECISION_BITS, 255));
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
        /** {@code fixed} transposed, tap-major: tap k of output i at {@code k * outCount + i}. */
        final int[] byTap;

        private AxisWeights(int[] min, int[] count, int[] fixed, int stride) {
            byTap = new int[fixed.length];
            int n = min.length;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < stride; k++) {
                    byTap[k * n + i] = fixed[i * stride + k];
                }
            }
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
