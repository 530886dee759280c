package io.mdfe.core.data.pipeline;

import java.util.Random;

/** The order in which an epoch visits the items: identity, or a permutation seeded by (seed, epoch). */
public final class EpochOrder {

    private EpochOrder() {
    }

    /** Item indices {@code 0 .. n-1} in visiting order. */
    public static int[] of(int n, boolean shuffle, long seed, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rng = ItemSeeds.forEpochOrder(seed, epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }
}
