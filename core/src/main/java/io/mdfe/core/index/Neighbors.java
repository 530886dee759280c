package io.mdfe.core.index;

/**
 * The k nearest neighbours of each of a batch of queries, best first, row-major: row q holds
 * {@code ids[q*k .. q*k+k-1]} and their {@code distances} (see {@link Metric} for their meaning).
 * Rows with fewer than k results are padded with id -1 and distance NaN. Ties are ordered by
 * increasing id, so exact search is deterministic.
 *
 * @param queries number of queries
 * @param k neighbours per query
 * @param ids indexed vector ids (insertion order, from 0)
 * @param distances the metric's value for each neighbour
 */
public record Neighbors(int queries, int k, int[] ids, float[] distances) {

    /** Checks the array sizes. */
    public Neighbors {
        if (queries < 0 || k < 0 || ids.length != (long) queries * k || distances.length != ids.length) {
            throw new IllegalArgumentException("neighbours of " + queries + " queries x " + k
                    + " need " + ((long) queries * k) + " ids and distances");
        }
    }

    /** Id of the {@code rank}-th neighbour of query {@code q}, or -1. */
    public int id(int q, int rank) {
        return ids[q * k + rank];
    }

    /** Distance of the {@code rank}-th neighbour of query {@code q}. */
    public float distance(int q, int rank) {
        return distances[q * k + rank];
    }
}
