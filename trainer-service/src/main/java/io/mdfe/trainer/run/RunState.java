package io.mdfe.trainer.run;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life cycle of a run:
 *
 * <pre>
 * QUEUED ──launch──▶ RUNNING ──finished──▶ SUCCEEDED
 *   ▲                  │ ├──error────────▶ FAILED     (also: restarts used up)
 *   └──worker died─────┘ └──cancel───────▶ CANCELLED  (QUEUED may also fail or be cancelled)
 * </pre>
 *
 * SUCCEEDED, FAILED and CANCELLED are final.
 */
public enum RunState {
    /** Waiting for a worker slot, first or after its worker died. */
    QUEUED,
    /** A worker trains it. */
    RUNNING,
    /** All steps trained; the last checkpoint is final. */
    SUCCEEDED,
    /** Stopped on an error, or its worker died too often. */
    FAILED,
    /** Stopped on request. */
    CANCELLED;

    /** @return whether the run has ended and never changes again */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /**
     * @param next a state to move to
     * @return whether the life cycle allows moving from this state to {@code next}
     */
    public boolean canMoveTo(RunState next) {
        return successors().contains(next);
    }

    private Set<RunState> successors() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(QUEUED, SUCCEEDED, FAILED, CANCELLED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(RunState.class);
        };
    }
}
