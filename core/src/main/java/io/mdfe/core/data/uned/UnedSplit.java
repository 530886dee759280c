package io.mdfe.core.data.uned;

/** The benchmark an evaluation runs: the val split (model selection) or the test split (reported). */
public enum UnedSplit {
    /** Validation queries, used at every checkpoint during training. */
    VAL,
    /** Test queries, the reported UnED benchmark. */
    TEST
}
