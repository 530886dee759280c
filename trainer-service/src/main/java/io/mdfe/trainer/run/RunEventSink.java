package io.mdfe.trainer.run;

import io.mdfe.service.common.events.outbox.StagedEvent;

/**
 * Announces the milestones of every run (Kafka {@code TrainingEvent}s, through the service's outbox). The
 * {@link RunManager} calls each method under its lock just before it saves the state change the event
 * announces, and commits the returned handle with that save ({@link StagedEvent#commitWith}); so a crash
 * between the two loses neither, and events leave in the order of their changes. Each event carries the
 * record's {@link RunRecord#updatedAt()} as its time, by which recovery tells whether the change was saved.
 */
public interface RunEventSink {

    /**
     * A worker started training (also after a resume).
     *
     * @param run the run, with its plan
     * @param startStep the step it starts from
     * @return the staged event
     */
    StagedEvent started(RunRecord run, long startStep);

    /**
     * A checkpoint was written.
     *
     * @param run the run
     * @param checkpoint the checkpoint
     * @return the staged event
     */
    StagedEvent checkpointSaved(RunRecord run, CheckpointRecord checkpoint);

    /**
     * The run SUCCEEDED.
     *
     * @param run the run
     * @return the staged event
     */
    StagedEvent finished(RunRecord run);

    /**
     * The run FAILED or was CANCELLED; {@code run.reason()} says why.
     *
     * @param run the run
     * @return the staged event
     */
    StagedEvent failed(RunRecord run);
}
