package io.mdfe.eval.job;

/** What asked for an evaluation. */
public enum JobTrigger {
    /** A gRPC Evaluate call. */
    API,
    /** A CheckpointSaved event on the training topic. */
    CHECKPOINT
}
