package io.mdfe.trainer.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run as the registry keeps it. Immutable: every transition returns a new record and is checked against
 * the {@link RunState} life cycle, so an illegal move (a step of a cancelled run, finishing twice) is an
 * {@link IllegalStateException} instead of a silently corrupted registry.
 *
 * @param id the run id, the key of its Kafka events
 * @param spec what it trains
 * @param state where it is in its life cycle
 * @param attempts workers started for it so far
 * @param restarts times its worker died and it was queued again
 * @param totalSteps steps in the run; 0 until its first worker reported its plan
 * @param step last completed step
 * @param epoch epoch of that step, 1-based (0 before the first step)
 * @param loss loss of that step
 * @param checkpoints checkpoints so far, oldest first
 * @param reason why it failed, was cancelled, or was queued again
 * @param createdAt when it was submitted; the queue is served in this order
 * @param updatedAt when the record last changed
 * @param workerPid process id of its current worker, 0 when none
 */
public record RunRecord(String id, RunSpec spec, RunState state, int attempts, int restarts, long totalSteps,
                        long step, int epoch, double loss, List<CheckpointRecord> checkpoints, String reason,
                        Instant createdAt, Instant updatedAt, long workerPid) {

    /** Copies the checkpoint list so the record stays immutable. */
    public RunRecord {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * A newly submitted run.
     *
     * @param id the run id
     * @param spec what it trains
     * @param now the submission time
     * @return the QUEUED run
     */
    public static RunRecord queued(String id, RunSpec spec, Instant now) {
        return new RunRecord(id, spec, RunState.QUEUED, 0, 0, 0, 0, 0, 0, List.of(), "", now, now, 0);
    }

    /** @return the newest checkpoint, if any */
    public Optional<CheckpointRecord> lastCheckpoint() {
        return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
    }

    /**
     * A worker is being started for it: QUEUED to RUNNING, one more attempt.
     *
     * @param now the time
     * @return the RUNNING run, without a worker id yet
     */
    public RunRecord launched(Instant now) {
        return new RunRecord(id, spec, moveTo(RunState.RUNNING), attempts + 1, restarts, totalSteps, step, epoch, loss,
                checkpoints, "", createdAt, now, 0);
    }

    /**
     * @param pid the process id of the worker that was started
     * @return the run with its worker recorded
     */
    public RunRecord withWorkerPid(long pid) {
        requireState(RunState.RUNNING);
        return new RunRecord(id, spec, state, attempts, restarts, totalSteps, step, epoch, loss, checkpoints, reason,
                createdAt, updatedAt, pid);
    }

    /**
     * Its worker reported the plan and the step it starts from (0, or the checkpoint it resumes).
     *
     * @param total steps in the run
     * @param startStep the first step it trains
     * @param now the time
     * @return the run, still RUNNING
     */
    public RunRecord planned(long total, long startStep, Instant now) {
        requireState(RunState.RUNNING);
        return new RunRecord(id, spec, state, attempts, restarts, total, startStep, epoch, loss, checkpoints, reason,
                createdAt, now, workerPid);
    }

    /**
     * A step completed.
     *
     * @param completed the completed step count
     * @param stepEpoch its epoch, 1-based
     * @param stepLoss its loss
     * @param now the time
     * @return the run, still RUNNING
     */
    public RunRecord stepped(long completed, int stepEpoch, double stepLoss, Instant now) {
        requireState(RunState.RUNNING);
        return new RunRecord(id, spec, state, attempts, restarts, totalSteps, completed, stepEpoch, stepLoss, checkpoints,
                reason, createdAt, now, workerPid);
    }

    /**
     * A checkpoint was written. A resumed worker can write a step's checkpoint again; it then replaces the
     * earlier record of that step.
     *
     * @param checkpoint the checkpoint
     * @param now the time
     * @return the run, still RUNNING
     */
    public RunRecord checkpointed(CheckpointRecord checkpoint, Instant now) {
        requireState(RunState.RUNNING);
        List<CheckpointRecord> all = new ArrayList<>(checkpoints);
        all.removeIf(c -> c.step() >= checkpoint.step());
        all.add(checkpoint);
        return new RunRecord(id, spec, state, attempts, restarts, totalSteps, step, epoch, loss, all, reason, createdAt,
                now, workerPid);
    }

    /**
     * All steps trained.
     *
     * @param steps the completed steps
     * @param finalLoss the loss of the last step
     * @param now the time
     * @return the SUCCEEDED run
     */
    public RunRecord succeeded(long steps, double finalLoss, Instant now) {
        return new RunRecord(id, spec, moveTo(RunState.SUCCEEDED), attempts, restarts, totalSteps, steps, epoch,
                finalLoss, checkpoints, "", createdAt, now, 0);
    }

    /**
     * It stopped on an error, or its restarts are used up.
     *
     * @param why the reason
     * @param now the time
     * @return the FAILED run
     */
    public RunRecord failed(String why, Instant now) {
        return ended(RunState.FAILED, why, now);
    }

    /**
     * It was stopped on request.
     *
     * @param why the reason
     * @param now the time
     * @return the CANCELLED run
     */
    public RunRecord cancelled(String why, Instant now) {
        return ended(RunState.CANCELLED, why, now);
    }

    /**
     * Its worker died; it waits to be resumed from its last checkpoint.
     *
     * @param why what happened
     * @param countsAsRestart false when the service itself stopped the worker on shutdown
     * @param now the time
     * @return the QUEUED run
     */
    public RunRecord requeued(String why, boolean countsAsRestart, Instant now) {
        return new RunRecord(id, spec, moveTo(RunState.QUEUED), attempts, restarts + (countsAsRestart ? 1 : 0),
                totalSteps, step, epoch, loss, checkpoints, why, createdAt, now, 0);
    }

    private RunRecord ended(RunState end, String why, Instant now) {
        return new RunRecord(id, spec, moveTo(end), attempts, restarts, totalSteps, step, epoch, loss, checkpoints,
                why, createdAt, now, 0);
    }

    private RunState moveTo(RunState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("run " + id + " cannot go from " + state + " to " + next);
        }
        return next;
    }

    private void requireState(RunState expected) {
        if (state != expected) {
            throw new IllegalStateException("run " + id + " is " + state + ", not " + expected);
        }
    }
}
