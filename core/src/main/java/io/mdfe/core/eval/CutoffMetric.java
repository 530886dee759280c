package io.mdfe.core.eval;

/** A metric over the first k neighbours, named {@code <label>@k} (R@1, mMP@5, mAP@5). */
abstract class CutoffMetric implements RetrievalMetric {

    /** Neighbours looked at. */
    protected final int k;
    private final String label;

    CutoffMetric(String label, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(label + "@k needs k >= 1, got " + k);
        }
        this.label = label;
        this.k = k;
    }

    @Override
    public String name() {
        return label + "@" + k;
    }

    @Override
    public int depth() {
        return k;
    }
}
