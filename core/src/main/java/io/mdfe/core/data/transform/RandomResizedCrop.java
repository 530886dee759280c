package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.Random;

/**
 * torchvision's {@code RandomResizedCrop(size, scale, ratio, BICUBIC)}: a random box covering a
 * {@code scale} fraction of the image area with a width/height in {@code ratio}, resized to
 * size x size.
 *
 * <p>{@link #sample} is torchvision 0.14's {@code get_params} step for step: 10 attempts drawing the
 * area uniformly and the aspect ratio log-uniformly, rounding half to even, then a centre-crop
 * fallback clamped to the ratio range. Only the random source differs (java.util.Random instead of
 * torch's generator), so the distribution of boxes is the same, not the boxes for a seed.
 *
 * @param scaleMin smallest fraction of the image area
 * @param scaleMax largest fraction of the image area
 * @param ratioMin smallest width / height
 * @param ratioMax largest width / height
 */
public record RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax)
        implements CropStrategy {

    private static final int ATTEMPTS = 10;

    /** Checks the ranges. */
    public RandomResizedCrop {
        if (!(scaleMin > 0 && scaleMin <= scaleMax && scaleMax <= 1.0)) {
            throw new IllegalArgumentException("crop scale range must satisfy 0 < min <= max <= 1, got ("
                    + scaleMin + ", " + scaleMax + ")");
        }
        if (!(ratioMin > 0 && ratioMin <= ratioMax)) {
            throw new IllegalArgumentException("crop ratio range must satisfy 0 < min <= max, got ("
                    + ratioMin + ", " + ratioMax + ")");
        }
    }

    /** Draws a crop box for a {@code width x height} image. */
    public CropBox sample(int width, int height, Random rng) {
        double area = (double) height * width;
        double logRatioMin = Math.log(ratioMin);
        double logRatioMax = Math.log(ratioMax);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double targetArea = area * uniform(rng, scaleMin, scaleMax);
            double aspect = Math.exp(uniform(rng, logRatioMin, logRatioMax));
            int w = (int) Math.rint(Math.sqrt(targetArea * aspect));
            int h = (int) Math.rint(Math.sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                int top = rng.nextInt(height - h + 1);
                int left = rng.nextInt(width - w + 1);
                return new CropBox(left, top, w, h);
            }
        }
        double inRatio = (double) width / height;
        int w = width;
        int h = height;
        if (inRatio < ratioMin) {
            h = (int) Math.rint(w / ratioMin);
        } else if (inRatio > ratioMax) {
            w = (int) Math.rint(h * ratioMax);
        }
        return new CropBox((width - w) / 2, (height - h) / 2, w, h);
    }

    /** Draws a box and resizes it to size x size. */
    @Override
    public float[] apply(RgbImage image, int size, Random rng) {
        return BicubicResampler.resizeCrop(image, sample(image.width(), image.height(), rng), size, size);
    }

    private static double uniform(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
