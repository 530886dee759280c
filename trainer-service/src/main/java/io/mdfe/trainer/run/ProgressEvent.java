package io.mdfe.trainer.run;

/**
 * One update of a run's progress.
 *
 * @param run the run after the update
 * @param lastStep its last step reported by the current or a previous worker of this service process; null
 *                 before the first
 * @param checkpoint a checkpoint this update announces, or null
 */
public record ProgressEvent(RunRecord run, WorkerEvent.Step lastStep, CheckpointRecord checkpoint) {
}
