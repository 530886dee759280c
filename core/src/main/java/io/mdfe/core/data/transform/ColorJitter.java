package io.mdfe.core.data.transform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * torchvision's {@code ColorJitter(brightness, contrast, saturation)} as run on PIL images (hue is
 * not used upstream): each factor is drawn uniformly from {@code [max(0, 1 - j), 1 + j]} and the
 * three adjustments run in a random order.
 *
 * <p>The adjustments are PIL's ImageEnhance blends {@code out = d + f * (x - d)} against a degenerate
 * image d: black (brightness), the rounded mean of the grayscale image (contrast) or the grayscale
 * image itself (saturation). Samples stay floats here, but each blend is truncated and clipped to a
 * whole 0..255 level, grayscale uses PIL's fixed-point ITU-R 601 weights, and the factor is a
 * 32-bit float, because that is what PIL does on 8-bit images: three truncations would otherwise
 * add up to more than a level of bias against upstream.
 *
 * @param brightness brightness jitter j, >= 0
 * @param contrast contrast jitter j, >= 0
 * @param saturation saturation jitter j, >= 0
 */
public record ColorJitter(double brightness, double contrast, double saturation) implements PixelAugmentation {

    /** Checks the jitter amounts. */
    public ColorJitter {
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0)) {
            throw new IllegalArgumentException("colour jitter amounts must be >= 0, got " + brightness + ", "
                    + contrast + ", " + saturation);
        }
    }

    /** Draws the order and the factors. */
    public JitterParams sample(Random rng) {
        List<JitterOp> order = new ArrayList<>(List.of(JitterOp.values()));
        Collections.shuffle(order, rng);
        return new JitterParams(order, factor(rng, brightness), factor(rng, contrast), factor(rng, saturation));
    }

    @Override
    public void apply(float[] chw, int size, Random rng) {
        apply(chw, sample(rng));
    }

    /** Applies the adjustments of {@code params} to planar (3, H, W) whole 0..255 samples in place. */
    public static void apply(float[] chw, JitterParams params) {
        for (JitterOp op : params.order()) {
            float f = params.factor(op);
            switch (op) {
                case BRIGHTNESS -> blendWithConstant(chw, 0, f);
                case CONTRAST -> blendWithConstant(chw, meanGray(chw), f);
                case SATURATION -> blendWithGray(chw, f);
                default -> throw new IllegalStateException(op.name());
            }
        }
    }

    private static float factor(Random rng, double jitter) {
        double lo = Math.max(0, 1 - jitter);
        return (float) (lo + (1 + jitter - lo) * rng.nextDouble());
    }

    private static void blendWithConstant(float[] chw, int degenerate, float f) {
        for (int i = 0; i < chw.length; i++) {
            chw[i] = blend(degenerate, chw[i], f);
        }
    }

    private static void blendWithGray(float[] chw, float f) {
        int plane = chw.length / 3;
        for (int i = 0; i < plane; i++) {
            int gray = gray(chw[i], chw[plane + i], chw[2 * plane + i]);
            chw[i] = blend(gray, chw[i], f);
            chw[plane + i] = blend(gray, chw[plane + i], f);
            chw[2 * plane + i] = blend(gray, chw[2 * plane + i], f);
        }
    }

    /** PIL's {@code int(ImageStat.Stat(image.convert("L")).mean[0] + 0.5)}. */
    private static int meanGray(float[] chw) {
        int plane = chw.length / 3;
        long sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += gray(chw[i], chw[plane + i], chw[2 * plane + i]);
        }
        return (int) ((double) sum / plane + 0.5);
    }

    /** PIL's RGB to L conversion (L24): 16-bit fixed-point 0.299, 0.587, 0.114 with rounding. */
    private static int gray(float r, float g, float b) {
        return ((int) r * 19595 + (int) g * 38470 + (int) b * 7471 + 0x8000) >> 16;
    }

    /** PIL's ImagingBlend on one 8-bit sample: float arithmetic, truncated and clipped. */
    private static float blend(int degenerate, float x, float f) {
        float t = degenerate + f * (x - degenerate);
        if (t <= 0f) {
            return 0f;
        }
        return t >= 255f ? 255f : (float) (int) t;
    }
}
