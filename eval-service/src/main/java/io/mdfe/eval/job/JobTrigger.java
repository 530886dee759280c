package io.mdfe.eval.job;

/** What asked for an evaluation. */
public enum JobTrigger {
    /** A gRPC Evaluate call. */
    API("request"),
    /** A CheckpointSaved event on the training topic: the checkpoint on val. */
    CHECKPOINT("checkpoint"),
    /** A TrainingFinished event: the run's last checkpoint on test, searched through the index-service. */
    FINAL("final"),
    /** An Evaluation resource applied in the cluster, reconciled by {@code io.mdfe.eval.k8s}. */
    RESOURCE("resource");

    private final String eventName;

    JobTrigger(String eventName) {
        this.eventName = eventName;
    }

    /** {@return its name in EvaluationCompleted events and on mirrored Evaluation resources' trigger label} */
    public String eventName() {
        return eventName;
    }
}
