package io.mdfe.core.eval;

/**
 * mAP@k as upstream computes it: the sum over the first k ranks i of {@code rel_i * precision@i},
 * divided by {@code min(k, n_q)}.
 */
public final class MeanAveragePrecision extends NormalizedCutoffMetric {

    /** mAP at {@code k >= 1}. */
    public MeanAveragePrecision(int k) {
        super("mAP", k);
    }

    @Override
    double credit(boolean[] relevant, int cut) {
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (relevant[i]) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum;
    }
}
