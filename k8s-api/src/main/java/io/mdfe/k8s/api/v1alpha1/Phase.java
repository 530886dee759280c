package io.mdfe.k8s.api.v1alpha1;

/** Where a TrainingRun or an Evaluation is in its life; Succeeded and Failed are final for a generation. */
public enum Phase {
    /** Accepted, nothing started yet. */
    Pending,
    /** Its Job or evaluation is running. */
    Running,
    /** Finished with results. */
    Succeeded,
    /** Finished without results; the Ready condition says why, naming the field for bad input. */
    Failed;

    /** @return whether nothing more happens for this generation */
    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }
}
