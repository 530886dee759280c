package io.mdfe.service.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetRegistered;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay publishes in order, keeps retrying the oldest event while the broker refuses, then drains. */
class OutboxRelayTest {

    @TempDir
    Path dir;

    @Test
    void eventsLeaveInOrderAfterTheBrokerComesBack() throws Exception {
        Outbox outbox = Outbox.open(dir);
        List<OutboxEntry> appended = List.of(event("a"), event("b"), event("c"));
        appended.forEach(outbox::append);
        List<String> attempts = new CopyOnWriteArrayList<>();
        List<OutboxEntry> published = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger(2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OutboxRelay relay = OutboxRelay.start(outbox, entry -> {
            attempts.add(entry.id());
            if (refusals.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker away"));
            }
            published.add(entry);
            return CompletableFuture.completedFuture(null);
        }, new FastRetries(), registry)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (outbox.depth() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(appended, published, "in order, each once");
            assertEquals(List.of(appended.get(0).id(), appended.get(0).id(), appended.get(0).id()),
                    attempts.subList(0, 3), "the oldest is retried, never skipped");
            assertEquals(0.0, registry.get(OutboxRelay.DEPTH_METRIC).gauge().value());
            assertTrue(outbox.relayProblem().isEmpty(), "healthy again");

            OutboxEntry later = event("d");
            outbox.append(later);
            deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // the idle poll is 5 s
            while (published.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(4, published.size(), "a new event wakes the relay");
            assertEquals(later, published.get(3));
        }
    }

    private static OutboxEntry event(String datasetId) {
        return OutboxEntry.of(DatasetEvent.newBuilder().setRegistered(DatasetRegistered.getDefaultInstance()).build(),
                "data-service", datasetId, Instant.now());
    }

    /** Retries after 1-4 ms. */
    private static final class FastRetries implements EventsConfig.Outbox {
        @Override
        public Duration ackTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration retryInitial() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofMillis(4);
        }
    }
}
