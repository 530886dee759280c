package io.mdfe.core.index.annoy;

import io.mdfe.core.index.Neighbors;

/**
 * Recall of an approximate search against an exact one on the same queries: recall@1 is the share
 * of queries whose exact nearest neighbour comes first, recall@5 the share of the exact top-5 found
 * in the approximate top-5. Both sides are {@link NeighborSearch}es, so the exact side is any exact
 * {@link io.mdfe.core.index.VectorIndex} ({@code exact::search}).
 *
 * @param queries queries measured
 * @param recallAt1 share in [0, 1]
 * @param recallAt5 share in [0, 1]
 */
public record RecallSample(int queries, double recallAt1, double recallAt5) {

    /** Neighbours compared for recall@5. */
    static final int TOP = 5;

    /** Runs both searches on {@code count} row-major queries and compares them. */
    public static RecallSample measure(NeighborSearch approximate, NeighborSearch exact, float[] queries, int count) {
        return compare(approximate.search(queries, count, TOP), exact.search(queries, count, TOP));
    }

    /** Compares two result sets of the same queries (each with k >= 5). */
    public static RecallSample compare(Neighbors approximate, Neighbors exact) {
        if (approximate.queries() != exact.queries() || approximate.k() < TOP || exact.k() < TOP) {
            throw new IllegalArgumentException("recall needs top-" + TOP + " of the same queries on both sides");
        }
        int hits1 = 0;
        long hits5 = 0;
        long wanted5 = 0;
        for (int q = 0; q < exact.queries(); q++) {
            hits1 += exact.id(q, 0) >= 0 && approximate.id(q, 0) == exact.id(q, 0) ? 1 : 0;
            for (int r = 0; r < TOP; r++) {
                int id = exact.id(q, r);
                if (id < 0) {
                    continue;
                }
                wanted5++;
                for (int s = 0; s < TOP; s++) {
                    if (approximate.id(q, s) == id) {
                        hits5++;
                        break;
                    }
                }
            }
        }
        int n = exact.queries();
        return new RecallSample(n, n == 0 ? 0 : (double) hits1 / n, wanted5 == 0 ? 0 : (double) hits5 / wanted5);
    }

    /** {@code size} ids spread evenly over {@code 0..n-1} (all of them when {@code size >= n}). */
    static int[] spreadIds(int n, int size) {
        int m = Math.min(n, size);
        int[] ids = new int[m];
        for (int i = 0; i < m; i++) {
            ids[i] = (int) ((long) i * n / m);
        }
        return ids;
    }
}
