package io.mdfe.core.data.transform;

import java.util.Random;

/** A random change of a square planar (3, size, size) image of 0..255 samples, in place. */
public interface PixelAugmentation {

    /** Changes {@code chw} in place, drawing its random parameters from {@code rng}. */
    void apply(float[] chw, int size, Random rng);
}
