package io.mdfe.eval.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.eval.events.EvaluationEventPublisher;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.StagedEvent;
import io.mdfe.service.common.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job queue and its store without Quarkus, with a runner whose pace the test controls. */
class JobQueueTest {

    private static final ModelKey MODEL = new ModelKey("run-1", "step-4");

    @TempDir
    Path state;

    private final List<JobQueue> queues = new ArrayList<>();

    @AfterEach
    void closeQueues() {
        queues.forEach(JobQueue::close);
    }

    /** Reports two phases and ten images, then waits for {@link #release} (or fails when told to). */
    private static final class GatedRunner implements EvaluationRunner {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final List<String> order = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        volatile String failWith;

        @Override
        public EvaluationResult run(EvaluationJob job, JobStore.Reports reports, ProgressListener progress)
                throws Exception {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                order.add(job.id());
                started.countDown();
                progress.phase(JobPhase.EMBEDDING);
                progress.embedded(4, 10);
                progress.embedded(10, 10);
                progress.phase(JobPhase.SEARCHING);
                assertTrue(release.await(30, TimeUnit.SECONDS), "released");
                if (failWith != null) {
                    throw new IllegalStateException(failWith);
                }
                Files.createDirectories(reports.csv().getParent());
                Files.writeString(reports.csv(), "domain\n");
                return new EvaluationResult(table(), 1.5, 0.5, null);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private static EvaluationTable table() {
        return new EvaluationTable(List.of(
                new DomainResult(1, "sop", Map.of("R@1", 0.25, "mMP@5", 0.5), 8, 8, 1, 0.01),
                new DomainResult(0, "cars", Map.of("R@1", 0.75, "mMP@5", 0.5), 4, 4, 0, 0.02)), 0.3);
    }

    private EvaluationSpec spec() {
        return new EvaluationSpec(state.resolve("bundle"), state.resolve("data"), UnedSplit.VAL, UnedProtocol.MERGED,
                List.of("cars", "sop"), "exact", Map.of(), "euclidean");
    }

    private JobQueue start(EvaluationRunner runner, int workers, int maxQueued, List<EvaluationJob> succeeded) {
        return start(runner, workers, maxQueued, job -> new StagedEvent() {
            @Override
            public void commit() {
                succeeded.add(job);
            }

            @Override
            public void abort() {
            }
        });
    }

    private JobQueue start(EvaluationRunner runner, int workers, int maxQueued,
                           Function<EvaluationJob, StagedEvent> announce) {
        JobQueue queue = JobQueue.start(new JobStore(state), runner, workers, maxQueued, announce,
                Clock.systemUTC());
        queues.add(queue);
        return queue;
    }

    private static EvaluationJob awaitJob(JobQueue queue, String id, Predicate<EvaluationJob> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            EvaluationJob job = queue.get(id).orElseThrow();
            if (condition.test(job)) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + id + " never reached the condition: " + queue.get(id));
    }

    @Test
    void runsOneJobAtATimeInSubmissionOrderAndKeepsTheResults() throws Exception {
        GatedRunner runner = new GatedRunner();
        List<EvaluationJob> succeeded = new CopyOnWriteArrayList<>();
        JobQueue queue = start(runner, 1, 10, succeeded);
        EvaluationJob first = queue.submit(spec(), MODEL, JobTrigger.API);
        EvaluationJob second = queue.submit(spec(), MODEL, JobTrigger.API);
        assertTrue(runner.started.await(30, TimeUnit.SECONDS));
        EvaluationJob running = awaitJob(queue, first.id(), j -> j.phase() == JobPhase.SEARCHING);
        assertEquals(JobState.RUNNING, running.state());
        assertEquals(10, running.imagesEmbedded());
        assertEquals(JobState.QUEUED, queue.get(second.id()).orElseThrow().state(), "one worker: the second waits");
        assertEquals(List.of(second.id(), first.id()), queue.list().stream().map(EvaluationJob::id).toList(),
                "newest first");

        runner.release.countDown();
        EvaluationJob done = awaitJob(queue, second.id(), j -> j.state() == JobState.SUCCEEDED);
        assertEquals(List.of(first.id(), second.id()), runner.order);
        assertEquals(1, runner.maxRunning.get());
        assertEquals(List.of("cars", "sop"), done.table().domains().stream().map(DomainResult::domain).toList());
        assertEquals(0.5, done.table().mean().get("R@1"), 1e-12);
        assertEquals(JobPhase.DONE, done.phase());
        assertEquals(1.5, done.embedSeconds());
        assertTrue(done.finished() != null && !done.finished().isBefore(done.started()));
        awaitJob(queue, first.id(), j -> j.state() == JobState.SUCCEEDED);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (succeeded.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(2, succeeded.size(), "one success event committed per job");

        // A new queue on the same state directory sees the same finished jobs, results included.
        JobQueue reloaded = start(new GatedRunner(), 1, 10, new ArrayList<>());
        assertEquals(done, reloaded.get(second.id()).orElseThrow());
        assertEquals(2, reloaded.list().size());
    }

    @Test
    void aFailureIsKeptWithItsMessage() throws Exception {
        GatedRunner runner = new GatedRunner();
        runner.failWith = "images/cars/a.jpg: unreadable";
        List<EvaluationJob> succeeded = new CopyOnWriteArrayList<>();
        JobQueue queue = start(runner, 1, 10, succeeded);
        EvaluationJob job = queue.submit(spec(), MODEL, JobTrigger.API);
        runner.release.countDown();
        EvaluationJob failed = awaitJob(queue, job.id(), j -> j.state() == JobState.FAILED);
        assertEquals("images/cars/a.jpg: unreadable", failed.error());
        assertNull(failed.table());
        assertTrue(succeeded.isEmpty());
        assertEquals(failed, new JobStore(state).loadAll().get(0), "saved");
    }

    @Test
    void aJobRunningAtShutdownRunsAgainAfterRestartAndQueuedOnesFollow() throws Exception {
        GatedRunner stuck = new GatedRunner();
        JobQueue before = start(stuck, 1, 10, new ArrayList<>());
        EvaluationJob first = before.submit(spec(), MODEL, JobTrigger.API);
        EvaluationJob second = before.submit(spec(), MODEL, JobTrigger.CHECKPOINT);
        assertTrue(stuck.started.await(30, TimeUnit.SECONDS));
        awaitJob(before, first.id(), j -> j.phase() == JobPhase.SEARCHING);
        before.close();
        List<EvaluationJob> saved = new JobStore(state).loadAll();
        assertEquals(List.of(JobState.RUNNING, JobState.QUEUED), saved.stream().map(EvaluationJob::state).toList(),
                "shutdown saves no failure for the interrupted job");

        GatedRunner runner = new GatedRunner();
        runner.release.countDown();
        JobQueue after = start(runner, 1, 10, new ArrayList<>());
        awaitJob(after, second.id(), j -> j.state() == JobState.SUCCEEDED);
        assertEquals(JobState.SUCCEEDED, after.get(first.id()).orElseThrow().state());
        assertEquals(List.of(first.id(), second.id()), runner.order, "re-queued in submission order");
    }

    @Test
    void aCorruptJobFileIsMovedAsideAndTheOtherJobsStillLoad() throws Exception {
        GatedRunner stuck = new GatedRunner();
        JobQueue before = start(stuck, 1, 10, new ArrayList<>());
        EvaluationJob kept = before.submit(spec(), MODEL, JobTrigger.API);
        EvaluationJob broken = before.submit(spec(), MODEL, JobTrigger.API);
        before.close();
        Path brokenFile = state.resolve("jobs").resolve(broken.id()).resolve("job.json");
        Files.writeString(brokenFile, "{\"formatVersion\": 1, \"job\": {\"id\": ");
        Path stale = Files.writeString(brokenFile.resolveSibling(".job.json.tmp-999999999-1"), "{");

        try (LogCapture log = LogCapture.of(CorruptFiles.class)) {
            GatedRunner runner = new GatedRunner();
            runner.release.countDown();
            JobQueue after = start(runner, 1, 10, new ArrayList<>());
            assertEquals(List.of(kept.id()), after.list().stream().map(EvaluationJob::id).toList());
            awaitJob(after, kept.id(), j -> j.state() == JobState.SUCCEEDED);
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains(brokenFile.toString())
                    && w.contains("evaluation job " + broken.id())), log.warnings().toString());
        }
        assertFalse(Files.exists(brokenFile));
        assertFalse(Files.exists(stale), "stale temporary cleaned at start");
        try (Stream<Path> files = Files.list(brokenFile.getParent())) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("job.json.corrupt-")));
        }
    }

    @Test
    void aFullQueueRefusesAndCheckpointsAreEvaluatedOnce() throws Exception {
        GatedRunner runner = new GatedRunner();
        JobQueue queue = start(runner, 1, 2, new ArrayList<>());
        EvaluationJob running = queue.submitCheckpoint(spec(), MODEL, "run-1").orElseThrow();
        assertTrue(runner.started.await(30, TimeUnit.SECONDS));
        assertTrue(queue.submitCheckpoint(spec(), MODEL, "run-1").isEmpty(), "same checkpoint while it runs");
        queue.submit(spec(), MODEL, JobTrigger.API);
        queue.submitCheckpoint(spec(), new ModelKey("run-1", "step-8"), "run-1").orElseThrow();
        QueueFullException full = assertThrows(QueueFullException.class,
                () -> queue.submit(spec(), MODEL, JobTrigger.API));
        assertTrue(full.getMessage().contains("2 jobs waiting"), full.getMessage());

        runner.release.countDown();
        awaitJob(queue, running.id(), j -> j.state() == JobState.SUCCEEDED);
        assertTrue(queue.submitCheckpoint(spec(), MODEL, "run-1").isEmpty(), "same checkpoint after it succeeded");
    }

    @Test
    void aWatcherSeesTheCurrentStateThenEveryChangeUntilTheEnd() throws Exception {
        GatedRunner runner = new GatedRunner();
        JobQueue queue = start(runner, 1, 10, new ArrayList<>());
        EvaluationJob job = queue.submit(spec(), MODEL, JobTrigger.API);
        assertTrue(runner.started.await(30, TimeUnit.SECONDS));
        awaitJob(queue, job.id(), j -> j.phase() == JobPhase.SEARCHING);
        List<EvaluationJob> seen = new CopyOnWriteArrayList<>();
        try (JobQueue.Watch watch = queue.watch(job.id(), seen::add).orElseThrow()) {
            assertEquals(JobPhase.SEARCHING, seen.get(0).phase());
            runner.release.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!seen.get(seen.size() - 1).state().terminal() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertEquals(JobState.SUCCEEDED, seen.get(seen.size() - 1).state());
        assertTrue(queue.watch("no-such-job", seen::add).isEmpty());
    }

    /**
     * The SUCCEEDED state and its event are one step. A crash after the save but before the commit keeps the staged
     * event (the outbox's recovery finds the job SUCCEEDED); a job whose event cannot be staged is not saved as
     * SUCCEEDED but fails, and what it staged is dropped.
     */
    @Test
    void aSucceededJobAndItsEventAreSavedTogether() throws Exception {
        Path outboxDir = state.resolve("outbox");
        Outbox outbox = Outbox.open(outboxDir);
        GatedRunner runner = new GatedRunner();
        runner.release.countDown();
        // The process "dies" after the job store saved the job: the staged event is never committed.
        JobQueue queue = start(runner, 1, 10, job -> {
            StagedEvent staged = outbox.stage(completed(job));
            return new StagedEvent() {
                @Override
                public void commit() {
                }

                @Override
                public void abort() {
                    staged.abort();
                }
            };
        });
        String saved = queue.submit(spec(), MODEL, JobTrigger.API).id();
        awaitJob(queue, saved, j -> j.state() == JobState.SUCCEEDED);
        queue.close();
        assertEquals(0, outbox.depth(), "not committed before the crash");

        // The next run "dies" after staging, before the save: the job store refuses, as a dead process would.
        JobQueue failing = start(runner, 1, 10, job -> {
            outbox.stage(completed(job));
            throw new java.io.UncheckedIOException(new java.io.IOException("killed before the save"));
        });
        String unsaved = failing.submit(spec(), MODEL, JobTrigger.API).id();
        EvaluationJob failed = awaitJob(failing, unsaved, j -> j.state() == JobState.FAILED);
        assertTrue(failed.error().contains("killed before the save"), failed.error());
        failing.close();

        Outbox restarted = Outbox.open(outboxDir);
        List<EvaluationJob> jobs = new JobStore(state).loadAll();
        assertEquals(1, restarted.recover(entry -> EvaluationEventPublisher.saved(entry, jobs)),
                "only the saved success is announced");
        EvaluationEvent event = EvaluationEvent.parseFrom(restarted.oldest().orElseThrow().entry().payload());
        assertEquals(saved, event.getCompleted().getEvaluationId());
    }

    private static OutboxEntry completed(EvaluationJob job) {
        return OutboxEntry.of(EvaluationEvent.newBuilder().setCompleted(EvaluationCompleted.newBuilder()
                .setEvaluationId(job.id())).build(), "eval-service", job.model().modelId(), Instant.now());
    }

    @Test
    void cancelInterruptsARunningJobAndDropsAQueuedOneAnnouncingNeither() throws Exception {
        GatedRunner runner = new GatedRunner();
        List<EvaluationJob> succeeded = new CopyOnWriteArrayList<>();
        JobQueue queue = start(runner, 1, 10, succeeded);
        List<JobState> seen = new CopyOnWriteArrayList<>();
        queue.subscribe(job -> seen.add(job.state()));
        EvaluationJob running = queue.submit(spec(), MODEL, JobTrigger.RESOURCE);
        EvaluationJob queued = queue.submit(spec(), MODEL, JobTrigger.RESOURCE);
        assertTrue(runner.started.await(30, TimeUnit.SECONDS));

        EvaluationJob dropped = queue.cancel(queued.id(), "cancelled: its Evaluation was deleted").orElseThrow();
        assertEquals(List.of(JobState.FAILED, "cancelled: its Evaluation was deleted"), List.of(dropped.state(), dropped.error()));
        queue.cancel(running.id(), "cancelled: its Evaluation was deleted");
        EvaluationJob stopped = awaitJob(queue, running.id(), j -> j.state().terminal());
        assertEquals(List.of(JobState.FAILED, "cancelled: its Evaluation was deleted"), List.of(stopped.state(), stopped.error()));
        assertEquals(1, runner.release.getCount(), "the runner was interrupted, never released");
        assertEquals(0, runner.running.get());
        assertEquals(List.of(running.id()), runner.order, "the cancelled queued job never ran");
        assertTrue(succeeded.isEmpty(), "no EvaluationCompleted for a cancelled job");
        assertEquals(JobState.FAILED, seen.get(seen.size() - 1));
        assertTrue(seen.contains(JobState.RUNNING), seen.toString());
        assertEquals(stopped, queue.cancel(running.id(), "again").orElseThrow(), "an ended job stays as it ended");
        assertTrue(queue.cancel("no-such-job", "x").isEmpty());
    }
}
