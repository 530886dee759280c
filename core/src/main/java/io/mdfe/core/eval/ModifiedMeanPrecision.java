package io.mdfe.core.eval;

/**
 * mMP@k, UnED's modified mean precision: relevant items among the first {@code min(k, n_q)}
 * neighbours, divided by {@code min(k, n_q)}, so a query with fewer than k relevant items can
 * still score 1.
 */
public final class ModifiedMeanPrecision implements RetrievalMetric {

    private final int k;

    /** mMP at {@code k >= 1}. */
    public ModifiedMeanPrecision(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("mMP@k needs k >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public String name() {
        return "mMP@" + k;
    }

    @Override
    public int depth() {
        return k;
    }

    @Override
    public double score(boolean[] relevant, int relevantCount) {
        int cut = Math.min(k, relevantCount);
        if (cut == 0) {
            return 0;
        }
        int hits = 0;
        for (int i = 0; i < cut; i++) {
            hits += relevant[i] ? 1 : 0;
        }
        return (double) hits / cut;
    }
}
