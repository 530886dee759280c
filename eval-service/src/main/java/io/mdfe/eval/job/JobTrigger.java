package io.mdfe.eval.job;

/** What asked for an evaluation. */
public enum JobTrigger {
    /** A gRPC Evaluate call. */
    API,
    /** A CheckpointSaved event on the training topic: the checkpoint on val. */
    CHECKPOINT,
    /** A TrainingFinished event: the run's last checkpoint on test, searched through the index-service. */
    FINAL
}
