package io.mdfe.core.eval;

/**
 * mMP@k, UnED's modified mean precision: relevant items among the first {@code min(k, n_q)}
 * neighbours, divided by {@code min(k, n_q)}, so a query with fewer than k relevant items can
 * still score 1.
 */
public final class ModifiedMeanPrecision extends NormalizedCutoffMetric {

    /** mMP at {@code k >= 1}. */
    public ModifiedMeanPrecision(int k) {
        super("mMP", k);
    }

    @Override
    double credit(boolean[] relevant, int cut) {
        int hits = 0;
        for (int i = 0; i < cut; i++) {
            hits += relevant[i] ? 1 : 0;
        }
        return hits;
    }
}
