package io.mdfe.core.train;

/**
 * A request to stop training, set from another thread (a signal's shutdown hook, a cancel) and
 * honoured by {@link TrainingLoop} at its next safe point: between two steps, never inside one, so
 * the engine is never torn down while a forward or backward pass runs.
 */
public final class StopRequest {

    private volatile String reason;

    /** Asks training to stop; the first reason wins. */
    public synchronized void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** True once a stop was requested. */
    public boolean requested() {
        return reason != null;
    }

    /** Why the stop was requested, or null. */
    public String reason() {
        return reason;
    }
}
