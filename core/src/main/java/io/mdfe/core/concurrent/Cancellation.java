package io.mdfe.core.concurrent;

import java.util.concurrent.CancellationException;

/**
 * Tells long work that its caller gave up (a gRPC deadline passed, the client cancelled), so the work stops
 * at its next check instead of running to the end for nobody. Work checks it between units (a tree, a block
 * of queries, an image) and leaves no partial result behind when it stops.
 */
@FunctionalInterface
public interface Cancellation {

    /** Never cancelled. */
    Cancellation NONE = () -> false;

    /** {@return whether the caller gave up} */
    boolean cancelled();

    /**
     * Stops the work if the caller gave up.
     *
     * @param what the work, for the message
     * @throws CancellationException when {@link #cancelled()}
     */
    default void check(String what) {
        if (cancelled()) {
            throw new CancellationException(what + " was cancelled");
        }
    }
}
