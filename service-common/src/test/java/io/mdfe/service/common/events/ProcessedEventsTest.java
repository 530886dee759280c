package io.mdfe.service.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.service.common.events.consume.PoisonEventException;
import io.mdfe.service.common.events.consume.ProcessedEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processed ids persist, stay bounded, survive a torn write; the handler applies once and retries transients. */
class ProcessedEventsTest {

    @TempDir
    Path dir;

    @Test
    void idsPersistStayBoundedAndATornLastLineIsIgnored() throws Exception {
        Path file = dir.resolve("ids");
        try (ProcessedEvents ids = ProcessedEvents.open(file, 3)) {
            for (int i = 0; i < 10; i++) {
                ids.add("id-" + i);
            }
            assertEquals(3, ids.size());
            assertFalse(ids.contains("id-6"), "the oldest are forgotten");
            assertTrue(ids.contains("id-9"));
        }
        assertTrue(Files.readAllLines(file).size() < 6, "the file is compacted");
        Files.writeString(file, "id-torn", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (ProcessedEvents ids = ProcessedEvents.open(file, 3)) {
            assertTrue(ids.contains("id-9") && ids.contains("id-8") && ids.contains("id-7"));
            assertFalse(ids.contains("id-torn"), "a half-written id never counts as processed");
            ids.add("id-10");
        }
        try (ProcessedEvents ids = ProcessedEvents.open(file, 3)) {
            assertTrue(ids.contains("id-10"));
        }
    }

    @Test
    void theHandlerAppliesOnceRetriesTransientFailuresAndThrowsPoisonAtOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger runs = new AtomicInteger();
        try (IdempotentHandler handler = new IdempotentHandler("test", ProcessedEvents.open(dir.resolve("ids"), 10),
                new TestConsumerConfig(), registry)) {
            assertTrue(handler.apply("e1", "event 1", () -> {
                if (runs.incrementAndGet() < 3) {
                    throw new IllegalStateException("disk busy");
                }
            }));
            assertEquals(3, runs.get(), "two transient failures, then success");
            assertFalse(handler.apply("e1", "event 1 again", runs::incrementAndGet));
            assertEquals(3, runs.get(), "a duplicate is not applied");

            AtomicInteger poisonRuns = new AtomicInteger();
            assertThrows(PoisonEventException.class, () -> handler.apply("e2", "event 2", () -> {
                poisonRuns.incrementAndGet();
                throw new PoisonEventException("bundle_uri: no bundle at /x");
            }));
            assertEquals(1, poisonRuns.get(), "poison is not retried");
            assertThrows(IllegalStateException.class, () -> handler.apply("e3", "event 3", () -> {
                throw new IllegalStateException("still down");
            }));
            assertEquals(1.0, registry.counter(IdempotentHandler.METRIC, "channel", "test", "outcome", "applied")
                    .count());
            assertEquals(2.0, registry.counter(IdempotentHandler.METRIC, "channel", "test", "outcome", "failed")
                    .count());
        }
    }

    /** Four attempts, 1 ms apart. */
    private static final class TestConsumerConfig implements EventsConfig.Consumer {
        @Override
        public int attempts() {
            return 4;
        }

        @Override
        public Duration retryInitial() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration retryMax() {
            return Duration.ofMillis(2);
        }

        @Override
        public int processedIds() {
            return 10;
        }
    }
}
