package io.mdfe.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run life cycle: the allowed moves, and the records they produce. */
class RunRecordTest {

    static final RunSpec SPEC = new RunSpec("", "", "", "/data/demo", List.of("demo"), "SEED: 42\n", "/runs/r",
            "abcd1234");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void terminalStatesAreFinal() {
        for (RunState end : List.of(RunState.SUCCEEDED, RunState.FAILED, RunState.CANCELLED)) {
            assertTrue(end.isTerminal());
            for (RunState next : RunState.values()) {
                assertFalse(end.canMoveTo(next), end + " -> " + next);
            }
        }
        assertTrue(RunState.QUEUED.canMoveTo(RunState.RUNNING));
        assertTrue(RunState.RUNNING.canMoveTo(RunState.QUEUED));
        assertFalse(RunState.QUEUED.canMoveTo(RunState.SUCCEEDED), "a run cannot succeed without a worker");
    }

    @Test
    void aRunIsLaunchedTrainedRequeuedAndFinished() {
        RunRecord run = RunRecord.queued("run-1", SPEC, T0).launched(T0).withWorkerPid(7).planned(12, 0, T0)
                .stepped(6, 0, 2.5, T0).checkpointed(new CheckpointRecord(6, 0, "file:///runs/r/6", 32), T0);
        assertEquals(1, run.attempts());
        assertEquals(7, run.workerPid());

        RunRecord requeued = run.requeued("worker died", true, T0);
        assertEquals(RunState.QUEUED, requeued.state());
        assertEquals(1, requeued.restarts());
        assertEquals(0, requeued.workerPid());
        assertEquals(6, requeued.lastCheckpoint().orElseThrow().step(), "checkpoints survive the restart");

        RunRecord done = requeued.launched(T0).planned(12, 6, T0)
                .checkpointed(new CheckpointRecord(12, 1, "file:///runs/r/12", 32), T0).succeeded(12, 0.5, T0);
        assertEquals(RunState.SUCCEEDED, done.state());
        assertEquals(2, done.attempts());
        assertEquals(List.of(6L, 12L), done.checkpoints().stream().map(CheckpointRecord::step).toList());
        assertEquals("step-12", done.lastCheckpoint().orElseThrow().modelVersion());
    }

    @Test
    void aCheckpointWrittenAgainAfterAResumeReplacesTheOldRecord() {
        RunRecord run = RunRecord.queued("run-1", SPEC, T0).launched(T0)
                .checkpointed(new CheckpointRecord(6, 0, "a", 32), T0)
                .checkpointed(new CheckpointRecord(12, 1, "b", 32), T0)
                .checkpointed(new CheckpointRecord(12, 1, "c", 32), T0);
        assertEquals(List.of("a", "c"), run.checkpoints().stream().map(CheckpointRecord::bundleUri).toList());
    }

    @Test
    void illegalMovesAreRefused() {
        RunRecord queued = RunRecord.queued("run-1", SPEC, T0);
        assertThrows(IllegalStateException.class, () -> queued.succeeded(1, 0, T0));
        assertThrows(IllegalStateException.class, () -> queued.stepped(1, 0, 1, T0));
        RunRecord cancelled = queued.cancelled("no", T0);
        assertThrows(IllegalStateException.class, () -> cancelled.launched(T0));
        assertThrows(IllegalStateException.class, () -> cancelled.failed("late", T0));
    }
}
