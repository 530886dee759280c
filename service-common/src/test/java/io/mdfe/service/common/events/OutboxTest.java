package io.mdfe.service.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.StagedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox keeps committed events in order across restarts and settles what a crash left staged. */
class OutboxTest {

    @TempDir
    Path dir;

    private static OutboxEntry event(String evaluationId) {
        return OutboxEntry.of(EvaluationEvent.newBuilder().setCompleted(EvaluationCompleted.newBuilder()
                .setEvaluationId(evaluationId)).build(), "eval-service", "model-" + evaluationId, Instant.now());
    }

    @Test
    void committedEventsComeOutInOrderAndSurviveARestart() {
        Outbox outbox = Outbox.open(dir);
        OutboxEntry first = event("a");
        OutboxEntry second = event("b");
        outbox.append(first);
        StagedEvent staged = outbox.stage(second);
        assertEquals(1, outbox.depth(), "a staged event is not visible yet");
        staged.commit();
        outbox.stage(event("aborted")).abort();

        Outbox reopened = Outbox.open(dir);
        assertEquals(0, reopened.recover(e -> true), "nothing was left staged");
        assertEquals(2, reopened.depth());
        assertEquals(List.of(first, second), drain(reopened));
        assertEquals("io.mdfe.evaluation.EvaluationCompleted.v1", first.type());
        assertFalse(first.id().equals(second.id()));
        assertEquals(0, Outbox.open(dir).depth(), "removed for good");
    }

    @Test
    void aCrashBetweenStageAndCommitIsSettledByTheServicesState() throws Exception {
        Outbox outbox = Outbox.open(dir);
        OutboxEntry saved = event("saved");
        OutboxEntry lost = event("lost");
        outbox.stage(saved); // the process dies before commit or abort
        outbox.stage(lost);

        Outbox restarted = Outbox.open(dir);
        assertEquals(1, restarted.recover(e -> e.id().equals(saved.id())), "only the saved change's event");
        assertEquals(List.of(saved), drain(restarted));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no file left behind");
        }
    }

    @Test
    void aServiceOpensItsOutboxInItsStateFolderAlreadyRecovered() {
        Outbox crashed = Outbox.open(dir.resolve("outbox"));
        OutboxEntry saved = event("saved");
        crashed.stage(saved);
        crashed.stage(event("lost"));

        Outbox outbox = Outbox.openRecovered(dir, e -> e.id().equals(saved.id()));
        assertEquals(dir.resolve("outbox"), outbox.directory());
        assertEquals(List.of(saved), drain(outbox), "settled before the relay sees it");
    }

    @Test
    void aDamagedEntryIsSetAsideAndTheNextOneStillLeaves() throws Exception {
        Outbox outbox = Outbox.open(dir);
        outbox.append(event("damaged"));
        OutboxEntry good = event("good");
        outbox.append(good);
        Path damaged;
        try (Stream<Path> files = Files.list(dir)) {
            damaged = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(damaged, bytes);

        Outbox reopened = Outbox.open(dir);
        assertEquals(List.of(good), drain(reopened));
        assertTrue(Files.exists(damaged.resolveSibling(damaged.getFileName() + ".corrupt")), "kept for a human");
    }

    private static List<OutboxEntry> drain(Outbox outbox) {
        List<OutboxEntry> out = new ArrayList<>();
        for (Optional<Outbox.Pending> next = outbox.oldest(); next.isPresent(); next = outbox.oldest()) {
            out.add(next.get().entry());
            outbox.remove(next.get());
        }
        return out;
    }
}
