package io.mdfe.core.data.pipeline;

import java.util.Random;

/**
 * Random sources derived from (seed, epoch, item index) alone, so an item's augmentation and an
 * epoch's order never depend on which thread ran first. Values go through SplitMix64's finaliser:
 * java.util.Random seeded with neighbouring integers gives nearly equal first draws.
 */
public final class ItemSeeds {

    private ItemSeeds() {
    }

    /** The generator for item {@code index} in {@code epoch}. */
    public static Random forItem(long seed, int epoch, int index) {
        return new Random(mix(mix(mix(seed) + epoch) + index));
    }

    /** The generator for the order of {@code epoch}; distinct from every item's stream. */
    public static Random forEpochOrder(long seed, int epoch) {
        return new Random(mix(mix(mix(seed) + epoch) ^ 0x6A09E667F3BCC909L));
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
