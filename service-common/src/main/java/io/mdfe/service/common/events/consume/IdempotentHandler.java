package io.mdfe.service.common.events.consume;

import io.mdfe.service.common.events.Backoff;
import io.mdfe.service.common.events.EventsConfig;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Applies each incoming event once: an event whose {@code ce_id} was applied before is skipped (a redelivery,
 * a relayed duplicate, a replayed topic); a transient failure is retried with backoff a bounded number of times;
 * a {@link PoisonEventException}, or a failure that outlasts the retries, is thrown on, so the channel's
 * {@code dead-letter-queue} failure strategy moves the event aside and the consumer goes on.
 */
public final class IdempotentHandler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdempotentHandler.class);

    private final String channel;
    private final ProcessedEvents processed;
    private final EventsConfig.Consumer config;

    /**
     * @param channel the consumer's channel, for the logs
     * @param processed the ids already applied
     * @param config attempts and backoff
     */
    public IdempotentHandler(String channel, ProcessedEvents processed, EventsConfig.Consumer config) {
        if (config.attempts() < 1) {
            throw new IllegalArgumentException("mdfe.events.consumer.attempts must be at least 1, not "
                    + config.attempts());
        }
        this.channel = channel;
        this.processed = processed;
        this.config = config;
    }

    /**
     * Applies an event unless it was applied already.
     *
     * @param eventId its {@code ce_id}, or null for an event without CloudEvents headers (applied, not tracked)
     * @param what the event, for the logs
     * @param effect applies it; throws {@link PoisonEventException} for an event that can never be applied
     * @return true when the effect ran, false for a duplicate
     * @throws RuntimeException the poison failure, or the last transient one
     */
    public boolean apply(String eventId, String what, Runnable effect) {
        if (eventId != null && processed.contains(eventId)) {
            LOG.debugf("%s: %s (id %s) was applied before; skipped", channel, what, eventId);
            return false;
        }
        Backoff backoff = new Backoff(config.retryInitial(), config.retryMax());
        for (int attempt = 1; ; attempt++) {
            try {
                effect.run();
                break;
            } catch (PoisonEventException e) {
                LOG.errorf("%s: %s (id %s) cannot be applied, to the dead-letter topic: %s", channel, what, eventId,
                        e.getMessage());
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    LOG.errorf(e, "%s: %s (id %s) failed %d times, to the dead-letter topic", channel, what, eventId,
                            attempt);
                    throw e;
                }
                Duration delay = backoff.next();
                LOG.warnf("%s: %s (id %s) failed (attempt %d of %d), retrying in %s: %s", channel, what, eventId,
                        attempt, config.attempts(), delay, e.getMessage());
                sleep(delay);
            }
        }
        if (eventId != null) {
            processed.add(eventId);
        }
        return true;
    }

    @Override
    public void close() {
        processed.close();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
