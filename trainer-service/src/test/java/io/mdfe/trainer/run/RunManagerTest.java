package io.mdfe.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.store.JsonStateFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue, the life cycle driven by worker reports, crash recovery and persistence, with a fake launcher. */
class RunManagerTest {

    @TempDir
    Path state;

    private final FakeLauncher launcher = new FakeLauncher();
    private final RecordingSink sink = new RecordingSink();

    private RunManager manager(int maxConcurrent, int maxRestarts) {
        RunManager manager = new RunManager(new RunRegistry(new JsonStateFile<>(state.resolve("runs.json"),
                RunRecord.class)), launcher, sink, maxConcurrent, maxRestarts, Clock.systemUTC());
        manager.recover();
        return manager;
    }

    @Test
    void runsWaitForAFreeSlotAndStartInOrder() {
        RunManager runs = manager(1, 2);
        RunRecord first = runs.submit(RunRecordTest.SPEC);
        RunRecord second = runs.submit(RunRecordTest.SPEC);
        assertEquals(RunState.RUNNING, first.state());
        assertEquals(RunState.QUEUED, second.state());
        assertEquals(1, launcher.launches.size());

        launcher.train(first.id(), 0, 12, 6, 12);
        launcher.latest(first.id()).listener().onEvent(new WorkerEvent.Finished(12, 0.25));
        launcher.latest(first.id()).listener().onExit(0);

        RunRecord done = runs.get(first.id());
        assertEquals(RunState.SUCCEEDED, done.state());
        assertEquals(0.25, done.loss());
        assertEquals(List.of(6L, 12L), done.checkpoints().stream().map(CheckpointRecord::step).toList());
        assertEquals(RunState.RUNNING, runs.get(second.id()).state(), "the free slot goes to the queued run");
        assertEquals(List.of("started " + first.id() + " 0", "checkpoint " + first.id() + " 6",
                "checkpoint " + first.id() + " 12", "finished " + first.id() + " 12"), sink.events);
        assertEquals(List.of(second.id(), first.id()), runs.list().stream().map(RunRecord::id).toList(),
                "newest first");
    }

    @Test
    void aCrashedWorkerIsResumedUntilItsRestartsAreUsedUp() {
        RunManager runs = manager(1, 1);
        String id = runs.submit(RunRecordTest.SPEC).id();
        launcher.train(id, 0, 12, 6);
        launcher.latest(id).listener().onExit(137);

        RunRecord resumed = runs.get(id);
        assertEquals(RunState.RUNNING, resumed.state(), "queued again and relaunched at once");
        assertEquals(2, resumed.attempts());
        assertEquals(1, resumed.restarts());
        assertTrue(resumed.reason().isEmpty());
        assertEquals(2, launcher.launches.size());

        launcher.train(id, 6, 12);
        launcher.latest(id).listener().onExit(137);
        RunRecord failed = runs.get(id);
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.reason().contains("exited with code 137"), failed.reason());
        assertTrue(failed.reason().contains("no restarts left"), failed.reason());
        assertEquals(List.of("started " + id + " 0", "checkpoint " + id + " 6", "started " + id + " 6",
                "failed " + id + " FAILED"), sink.events);
    }

    @Test
    void aReportedFailureIsNotRetriedAndLateReportsAreIgnored() {
        RunManager runs = manager(1, 3);
        String id = runs.submit(RunRecordTest.SPEC).id();
        WorkerListener worker = launcher.latest(id).listener();
        worker.onEvent(new WorkerEvent.Failed("NonFiniteLossException: loss is NaN at step 3"));
        worker.onExit(2);
        worker.onEvent(new WorkerEvent.Step(4, 12, 0, 1, 1, 1));

        RunRecord failed = runs.get(id);
        assertEquals(RunState.FAILED, failed.state());
        assertEquals("NonFiniteLossException: loss is NaN at step 3", failed.reason());
        assertEquals(1, launcher.launches.size());
    }

    @Test
    void cancelStopsQueuedAndRunningRunsOnce() {
        RunManager runs = manager(1, 2);
        String running = runs.submit(RunRecordTest.SPEC).id();
        String queued = runs.submit(RunRecordTest.SPEC).id();

        assertEquals(RunState.CANCELLED, runs.cancel(queued).state());
        assertEquals(RunState.CANCELLED, runs.cancel(running).state());
        assertTrue(launcher.latest(running).worker().stopped);
        launcher.latest(running).listener().onExit(137);
        assertEquals(RunState.CANCELLED, runs.get(running).state(), "the killed worker's exit is no crash");
        assertEquals(1, launcher.launches.size(), "the cancelled queued run never started");

        ServiceException again = assertThrows(ServiceException.class, () -> runs.cancel(running));
        assertEquals(Code.FAILED_PRECONDITION, again.code());
        assertEquals(Code.NOT_FOUND,
                assertThrows(ServiceException.class, () -> runs.get("run-nope")).code());
    }

    @Test
    void aRestartedServiceResumesWhatWasRunningAndKeepsTheRest() {
        RunManager before = manager(1, 1);
        String running = before.submit(RunRecordTest.SPEC).id();
        String queued = before.submit(RunRecordTest.SPEC).id();
        launcher.train(running, 0, 12, 6);
        long pid = before.get(running).workerPid();
        // the service dies: no close(), the registry on disk is all that is left

        RunManager after = manager(1, 1);
        assertEquals(List.of(pid), launcher.orphansStopped);
        RunRecord resumed = after.get(running);
        assertEquals(RunState.RUNNING, resumed.state());
        assertEquals(2, resumed.attempts());
        assertEquals(1, resumed.restarts());
        assertEquals(6, resumed.lastCheckpoint().orElseThrow().step());
        assertEquals(RunState.QUEUED, after.get(queued).state());

        // and again: its one restart is used up, so the next service start fails it
        RunManager third = manager(1, 1);
        RunRecord failed = third.get(running);
        assertEquals(RunState.FAILED, failed.state());
        assertTrue(failed.reason().contains("service stopped"), failed.reason());
        assertEquals(RunState.RUNNING, third.get(queued).state());
    }

    @Test
    void aGracefulShutdownRequeuesWithoutUsingARestart() {
        RunManager runs = manager(1, 0);
        String id = runs.submit(RunRecordTest.SPEC).id();
        runs.close();
        assertTrue(launcher.latest(id).worker().stopped);
        RunRecord resumed = manager(1, 0).get(id);
        assertEquals(RunState.RUNNING, resumed.state());
        assertEquals(0, resumed.restarts());
    }

    @Test
    void observersGetTheCurrentStateThenEveryUpdateUntilTheEnd() throws Exception {
        RunManager runs = manager(1, 2);
        String id = runs.submit(RunRecordTest.SPEC).id();
        launcher.train(id, 0, 3);
        List<ProgressEvent> seen = new ArrayList<>();
        runs.observe(id, seen::add);
        assertEquals(1, seen.size());
        assertEquals(3, seen.get(0).lastStep().step(), "the snapshot carries the last step");

        launcher.train(id, 3, 6, 6);
        launcher.latest(id).listener().onEvent(new WorkerEvent.Finished(6, 0.1));
        ProgressEvent last = seen.get(seen.size() - 1);
        assertEquals(RunState.SUCCEEDED, last.run().state());
        assertEquals(1, seen.stream().filter(e -> e.checkpoint() != null).count());
        int count = seen.size();
        assertFalse(seen.subList(0, count - 1).stream().anyMatch(e -> e.run().state().isTerminal()));

        List<ProgressEvent> late = new ArrayList<>();
        runs.observe(id, late::add).close();
        assertEquals(1, late.size(), "an ended run gives its final state only");
        assertEquals(RunState.SUCCEEDED, late.get(0).run().state());
    }

    /** The event of a change whose save fails is dropped with it: nothing announces a change that did not happen. */
    @Test
    void aMilestoneWhoseSaveFailsIsNotAnnounced() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(state.resolve("registry"));
        RunManager runs = new RunManager(new RunRegistry(new JsonStateFile<>(dir.resolve("runs.json"), RunRecord.class)),
                launcher, sink, 1, 0, Clock.systemUTC());
        runs.recover();
        String id = runs.submit(RunRecordTest.SPEC).id();
        launcher.train(id, 0, 12, 6);
        // The registry's folder becomes a file: every later save fails.
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        java.nio.file.Files.delete(dir);
        java.nio.file.Files.writeString(dir, "not a folder");

        WorkerListener worker = launcher.latest(id).listener();
        assertThrows(RuntimeException.class, () -> worker.onEvent(new WorkerEvent.Checkpoint(12, 1, "/runs/x/step-12", 32)));
        assertThrows(RuntimeException.class, () -> worker.onEvent(new WorkerEvent.Finished(12, 0.5)));
        assertEquals(List.of("started " + id + " 0", "checkpoint " + id + " 6"), sink.events,
                "the unsaved checkpoint and end are not announced");
        assertEquals(List.of(), sink.staged, "their staged events were aborted");
    }
}
