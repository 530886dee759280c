package io.mdfe.core.eval;

/** Recall@k as UnED uses it for k = 1 (top-1 accuracy): 1 when a relevant item is among the first k. */
public final class RecallAtK extends CutoffMetric {

    /** Recall at {@code k >= 1}. */
    public RecallAtK(int k) {
        super("R", k);
    }

    @Override
    public double score(boolean[] relevant, int relevantCount) {
        for (int i = 0; i < k; i++) {
            if (relevant[i]) {
                return 1;
            }
        }
        return 0;
    }
}
