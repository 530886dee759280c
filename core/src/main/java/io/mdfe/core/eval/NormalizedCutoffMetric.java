package io.mdfe.core.eval;

/**
 * A cutoff metric divided by {@code min(k, n_q)}, the most relevant items the first k neighbours can hold,
 * so a query with fewer than k relevant items can still score 1. A lone query ({@code n_q = 0}) scores 0.
 */
abstract class NormalizedCutoffMetric extends CutoffMetric {

    NormalizedCutoffMetric(String label, int k) {
        super(label, k);
    }

    @Override
    public final double score(boolean[] relevant, int relevantCount) {
        int cut = Math.min(k, relevantCount);
        if (cut == 0) {
            return 0;
        }
        return credit(relevant, cut) / cut;
    }

    /**
     * What the query earns before the division.
     *
     * @param relevant at least k flags, best neighbour first
     * @param cut {@code min(k, n_q)}, at least 1
     * @return the undivided score
     */
    abstract double credit(boolean[] relevant, int cut);
}
