package io.mdfe.core.eval.baseline;

import io.mdfe.core.data.uned.UnedItem;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded Gaussian descriptors, L2-normalised: chance level. Each item's vector is drawn from a
 * generator seeded by the seed and the item's annotated path, so it does not depend on the order or
 * the split the item is met in, and the same image always gets the same vector.
 */
public final class RandomBaseline implements Baseline {

    private final long seed;
    private final int dim;

    /**
     * @param seed the seed (the config's SEED)
     * @param dim descriptor width
     */
    public RandomBaseline(long seed, int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("random baseline dim must be >= 1, got " + dim);
        }
        this.seed = seed;
        this.dim = dim;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "Gaussian N(0, 1) descriptors, seed " + seed + ", " + dim + "-d, L2-normalised";
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public float[] describe(UnedItem item) {
        SplittableRandom rng = new SplittableRandom(seed ^ fnv1a(item.path()));
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return UnitVectors.normalize(v);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: String.hashCode has only 32 bits and collides on short names. */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
