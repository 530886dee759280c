package io.mdfe.service.common.events;

import java.time.Duration;

/**
 * Exponential backoff: the first delay, doubled after each failure up to a cap, back to the first after a
 * success. (SmallRye Fault Tolerance's {@code @Retry} is not part of this build, and the outbox relay needs an
 * unbounded retry loop on its own thread anyway; this is the few lines both share.)
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    /**
     * @param initial the first delay
     * @param max the longest delay
     */
    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: need 0 < initial (" + initial + ") <= max (" + max + ")");
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /**
     * The delay to wait now; the following one is twice as long, up to the cap.
     *
     * @return the delay
     */
    public Duration next() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** After a success: the next delay is the first again. */
    public void reset() {
        next = initial;
    }
}
