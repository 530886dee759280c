package io.mdfe.core.eval;

/** Recall@k as UnED uses it for k = 1 (top-1 accuracy): 1 when a relevant item is among the first k. */
public final class RecallAtK implements RetrievalMetric {

    private final int k;

    /** Recall at {@code k >= 1}. */
    public RecallAtK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("R@k needs k >= 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public String name() {
        return "R@" + k;
    }

    @Override
    public int depth() {
        return k;
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
