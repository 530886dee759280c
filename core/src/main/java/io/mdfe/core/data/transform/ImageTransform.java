package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.Random;

/**
 * Turns a decoded image into the network's input: planar (3, size, size) floats, normalised.
 *
 * <p>Random transforms draw every random parameter from {@code rng}, so a caller that seeds one
 * {@link Random} per item gets the same output whichever thread runs it; deterministic transforms
 * ignore it. Seed that generator from a well-mixed value: java.util.Random's first draws for
 * neighbouring seeds (0, 1, 2, ...) are nearly equal. Implementations are immutable and safe to share
 * between threads.
 */
public interface ImageTransform {

    /** Transforms one image to planar (3, size, size) floats. */
    float[] apply(RgbImage image, Random rng);

    /** Output height and width in pixels. */
    int size();

    /**
     * True when the output depends on the image only (no random draws), so its results may be
     * computed once and reused, e.g. by the linear-probing feature cache. Default: false (never cached).
     */
    default boolean deterministic() {
        return false;
    }

    /** A key naming the transform and its parameters, for caches of its outputs. */
    default String cacheKey() {
        return toString();
    }
}
