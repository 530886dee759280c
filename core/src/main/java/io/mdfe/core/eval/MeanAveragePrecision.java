package io.mdfe.core.eval;

/**
 * mAP@k as upstream computes it: the sum over the first k ranks i of {@code rel_i * precision@i},
 * divided by {@code min(k, n_q)}.
 */
public final class MeanAveragePrecision extends CutoffMetric {

    /** mAP at {@code k >= 1}. */
    public MeanAveragePrecision(int k) {
        super("mAP", k);
    }

    @Override
    public double score(boolean[] relevant, int relevantCount) {
        int cut = Math.min(k, relevantCount);
        if (cut == 0) {
            return 0;
        }
        int hits = 0;
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (relevant[i]) {
                hits++;
                sum += (double) hits / (i + 1);
            }
        }
        return sum / cut;
    }
}
