package io.mdfe.trainer.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.service.common.ServiceIdentityConfig;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.StagedEvent;
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import io.mdfe.trainer.run.RunSpec;
import io.mdfe.trainer.store.JsonStateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's run events and the run registry change in one step: an event staged before the registry save and
 * not yet committed when the process died is published after the restart exactly when the save happened.
 */
class TrainingEventOutboxTest {

    private static final RunSpec SPEC = new RunSpec("shop", "shop", "v1", "/data/shop", List.of("shop"), "SEED: 42\n",
            "/runs/r", "model-r");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456789Z");

    @TempDir
    Path state;

    @Test
    void aCrashBetweenStagingAndCommitLosesNothingAndInventsNothing() throws IOException {
        Outbox outbox = Outbox.open(state.resolve("outbox"));
        TrainingEventPublisher publisher = new TrainingEventPublisher(outbox, identity());
        RunRegistry registry = registry();
        RunRecord running = RunRecord.queued("run-1", SPEC, T0).launched(T0).planned(12, 0, T0);
        registry.save(running);

        // Saved, then the process dies before the commit.
        CheckpointRecord six = new CheckpointRecord(6, 0, "file:///runs/r/step-6", 32);
        RunRecord checkpointed = running.checkpointed(six, T0.plusSeconds(5));
        publisher.checkpointSaved(checkpointed, six);
        registry.save(checkpointed);
        // Staged for the next change, and the process dies before the save.
        RunRecord finished = checkpointed.succeeded(12, 0.5, T0.plusSeconds(9));
        publisher.finished(finished);

        Outbox restarted = Outbox.open(state.resolve("outbox"));
        RunRegistry reloaded = registry();
        assertEquals(1, restarted.recover(entry -> TrainingEventPublisher.saved(entry, reloaded)),
                "the event of the saved checkpoint is kept, the unsaved end's is dropped");
        List<TrainingEvent> published = drain(restarted);
        assertEquals(1, published.size(), published::toString);
        assertEquals(6, published.get(0).getCheckpointSaved().getStep());
        assertEquals("run-1", published.get(0).getCheckpointSaved().getRunId());
    }

    @Test
    void aStateSaveThatThrowsDropsItsStagedEvent() throws IOException {
        Outbox outbox = Outbox.open(state.resolve("outbox"));
        TrainingEventPublisher publisher = new TrainingEventPublisher(outbox, identity());
        RunRecord failed = RunRecord.queued("run-2", SPEC, T0).launched(T0).failed("worker died", T0.plusSeconds(1));
        StagedEvent event = publisher.failed(failed);
        UncheckedIOException disk = new UncheckedIOException(new IOException("disk full"));
        assertEquals(disk, assertThrows(UncheckedIOException.class, () -> event.commitWith(() -> {
            throw disk;
        })));
        assertEquals(0, outbox.depth());
        assertEquals(0, Outbox.open(state.resolve("outbox")).recover(entry -> true), "nothing left staged either");

        StagedEvent next = publisher.failed(failed);
        RunRegistry registry = registry();
        next.commitWith(() -> registry.save(failed));
        List<TrainingEvent> published = drain(outbox);
        assertEquals(1, published.size());
        assertTrue(published.get(0).getFailed().getReason().contains("worker died"), published::toString);
    }

    private RunRegistry registry() {
        return new RunRegistry(new JsonStateFile<>(state.resolve("runs.json"), RunRecord.class));
    }

    private static List<TrainingEvent> drain(Outbox outbox) throws IOException {
        List<TrainingEvent> events = new ArrayList<>();
        for (var pending = outbox.oldest(); pending.isPresent(); pending = outbox.oldest()) {
            events.add(TrainingEvent.parseFrom(pending.get().entry().payload()));
            outbox.remove(pending.get());
        }
        return events;
    }

    private static ServiceIdentityConfig identity() {
        return new ServiceIdentityConfig() {
            @Override
            public String name() {
                return "trainer-service";
            }

            @Override
            public String version() {
                return "test";
            }

            @Override
            public Map<String, String> details() {
                return Map.of();
            }
        };
    }
}
