package io.mdfe.service.common.events.consume;

import io.mdfe.service.common.events.Backoff;
import io.mdfe.service.common.events.EventsConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Applies each incoming event once: an event whose {@code ce_id} was applied before is skipped (a redelivery,
 * a relayed duplicate, a replayed topic); a transient failure is retried with backoff a bounded number of times;
 * a {@link PoisonEventException}, or a failure that outlasts the retries, is thrown on, so the channel's
 * {@code dead-letter-queue} failure strategy moves the event aside and the consumer goes on. Counts each outcome
 * as {@value #METRIC} with tags {@code channel} and {@code outcome} (applied, duplicate, failed).
 */
public final class IdempotentHandler implements AutoCloseable {

    /** The counter of consumed events. */
    public static final String METRIC = "mdfe.events.consumed";

    private static final Logger LOG = Logger.getLogger(IdempotentHandler.class);

    private final String channel;
    private final ProcessedEvents processed;
    private final EventsConfig.Consumer config;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter failed;

    /**
     * @param channel the consumer's channel, for the logs and the counters
     * @param processed the ids already applied
     * @param config attempts and backoff
     * @param registry where the counters go
     */
    public IdempotentHandler(String channel, ProcessedEvents processed, EventsConfig.Consumer config,
                             MeterRegistry registry) {
        if (config.attempts() < 1) {
            throw new IllegalArgumentException("mdfe.events.consumer.attempts must be at least 1, not "
                    + config.attempts());
        }
        this.channel = channel;
        this.processed = processed;
        this.config = config;
        this.applied = counter(registry, channel, "applied");
        this.duplicates = counter(registry, channel, "duplicate");
        this.failed = counter(registry, channel, "failed");
    }

    /**
     * A handler remembering its processed ids in {@code <stateDir>/processed-events/<channel>.ids}.
     *
     * @param channel the consumer's channel
     * @param stateDir the service's state directory
     * @param config the events settings
     * @param registry where the counters go
     * @return the handler; close it on shutdown
     */
    public static IdempotentHandler open(String channel, Path stateDir, EventsConfig config, MeterRegistry registry) {
        return new IdempotentHandler(channel, ProcessedEvents.open(
                stateDir.resolve("processed-events").resolve(channel + ".ids"), config.consumer().processedIds()),
                config.consumer(), registry);
    }

    private static Counter counter(MeterRegistry registry, String channel, String outcome) {
        return Counter.builder(METRIC).tag("channel", channel).tag("outcome", outcome)
                .description("events consumed, by outcome (failed ones go to the dead-letter topic)")
                .register(registry);
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
            duplicates.increment();
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
                failed.increment();
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    LOG.errorf(e, "%s: %s (id %s) failed %d times, to the dead-letter topic", channel, what, eventId,
                            attempt);
                    failed.increment();
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
        applied.increment();
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
