package io.mdfe.core.data.transform;

import java.util.Random;

/**
 * torchvision's {@code RandomHorizontalFlip(p)}: mirrors the image left to right with probability p.
 *
 * @param probability chance of flipping, 0..1
 */
public record RandomHorizontalFlip(double probability) implements PixelAugmentation {

    /** Checks the probability. */
    public RandomHorizontalFlip {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
        }
    }

    @Override
    public void apply(float[] chw, int size, Random rng) {
        if (rng.nextDouble() < probability) {
            flip(chw, size);
        }
    }

    /** Mirrors a planar (3, size, size) image left to right in place. */
    public static void flip(float[] chw, int size) {
        for (int row = 0; row < 3 * size; row++) {
            int lo = row * size;
            int hi = lo + size - 1;
            while (lo < hi) {
                float t = chw[lo];
                chw[lo++] = chw[hi];
                chw[hi--] = t;
            }
        }
    }
}
