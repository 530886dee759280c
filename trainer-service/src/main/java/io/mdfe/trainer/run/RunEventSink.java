package io.mdfe.trainer.run;

/**
 * Receives the milestones of every run, for publishing (Kafka {@code TrainingEvent}s). Called outside the
 * {@link RunManager}'s lock, in order for each run, and may block.
 */
public interface RunEventSink {

    /**
     * A worker started training (also after a resume).
     *
     * @param run the run, with its plan
     * @param startStep the step it starts from
     */
    void started(RunRecord run, long startStep);

    /**
     * A checkpoint was written.
     *
     * @param run the run
     * @param checkpoint the checkpoint
     */
    void checkpointSaved(RunRecord run, CheckpointRecord checkpoint);

    /**
     * The run SUCCEEDED.
     *
     * @param run the run
     */
    void finished(RunRecord run);

    /**
     * The run FAILED or was CANCELLED; {@code run.reason()} says why.
     *
     * @param run the run
     */
    void failed(RunRecord run);
}
