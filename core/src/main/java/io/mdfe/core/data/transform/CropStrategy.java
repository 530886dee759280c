package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.Random;

/** The geometric first step of a training transform: which part of the image becomes the square input. */
public interface CropStrategy {

    /** Planar (3, size, size) samples of whole values 0..255 taken from {@code image}. */
    float[] apply(RgbImage image, int size, Random rng);

    /** True when the crop draws nothing from the random source. */
    default boolean deterministic() {
        return false;
    }
}
