package io.mdfe.trainer.run;

import io.mdfe.service.common.events.outbox.StagedEvent;
import io.mdfe.service.common.grpc.ServiceException;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Runs the training runs: a FIFO queue in front of at most {@code maxConcurrent} workers, the run life cycle
 * ({@link RunState}) driven by the workers' reports, and recovery. A worker that dies without finishing puts its
 * run back at the head of the queue, to be resumed from its last checkpoint, at most {@code maxRestarts} times;
 * then the run fails. A run that was RUNNING when the service died is treated the same way on
 * {@link #recover()}. No run is ever dropped: each ends SUCCEEDED, FAILED or CANCELLED.
 *
 * <p>Thread-safe. State changes are persisted under the manager's lock, each milestone's event staged in the
 * {@link RunEventSink} just before the save and committed with it, so a crash never keeps one without the other.
 */
public final class RunManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RunManager.class);

    private final RunRegistry registry;
    private final RunLauncher launcher;
    private final RunEventSink events;
    private final int maxConcurrent;
    private final int maxRestarts;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, WorkerHandle> workers = new HashMap<>();
    private final Map<String, WorkerEvent.Step> lastSteps = new HashMap<>();
    /** Concurrent, so that unsubscribing (on a gRPC event loop, when a client leaves) never waits for the lock. */
    private final Map<String, List<ProgressObserver>> observers = new ConcurrentHashMap<>();
    private boolean closed;

    /**
     * Creates the manager; call {@link #recover()} before serving.
     *
     * @param registry the persisted runs
     * @param launcher starts workers
     * @param events receives the milestones
     * @param maxConcurrent workers at the same time, at least 1
     * @param maxRestarts times a run's worker may die before the run fails
     * @param clock the time of state changes
     */
    public RunManager(RunRegistry registry, RunLauncher launcher, RunEventSink events, int maxConcurrent,
                      int maxRestarts, Clock clock) {
        if (maxConcurrent < 1 || maxRestarts < 0) {
            throw new IllegalArgumentException("maxConcurrent must be >= 1 and maxRestarts >= 0, got " + maxConcurrent
                    + " and " + maxRestarts);
        }
        this.registry = registry;
        this.launcher = launcher;
        this.events = events;
        this.maxConcurrent = maxConcurrent;
        this.maxRestarts = maxRestarts;
        this.clock = clock;
    }

    /**
     * Takes over the runs of a previous service process that was killed: one left RUNNING either lost its worker
     * (any leftover worker process is stopped), so it is queued to resume or, with its restarts used up, failed;
     * or, with a launcher whose workers outlive the service, it is queued to adopt its worker again. Then the
     * queue is served.
     */
    public synchronized void recover() {
        for (RunRecord run : registry.all()) {
            if (run.state() == RunState.RUNNING) {
                String what = "the service stopped while it ran at step " + run.step();
                RunRecord next;
                if (launcher.workersOutliveService()) {
                    next = run.requeued(what + "; adopting its worker", false, clock.instant());
                } else {
                    launcher.stopOrphan(run.workerPid());
                    next = afterWorkerLoss(run, what);
                }
                StagedEvent event = next.state() == RunState.FAILED ? events.failed(next) : StagedEvent.none();
                event.commitWith(() -> registry.save(next));
            }
        }
        dispatch();
    }

    /**
     * Queues a run, and starts it when a worker slot is free.
     *
     * @param spec what it trains
     * @return the run as it is now (QUEUED or RUNNING)
     */
    public synchronized RunRecord submit(RunSpec spec) {
        requireOpen();
        String id = "run-" + HexFormat.of().formatHex(randomBytes(6));
        registry.save(RunRecord.queued(id, spec, clock.instant()));
        dispatch();
        return registry.find(id).orElseThrow();
    }

    /**
     * @param id a run id
     * @return the run
     * @throws ServiceException NOT_FOUND for an unknown id
     */
    public synchronized RunRecord get(String id) {
        return registry.find(id).orElseThrow(() -> ServiceException.notFound("run_id: no run '" + id + "'"));
    }

    /** @return every run, newest first */
    public synchronized List<RunRecord> list() {
        List<RunRecord> all = new ArrayList<>(registry.all());
        Collections.reverse(all);
        return all;
    }

    /**
     * @param recipe a recipe name
     * @param datasetVersion a dataset version
     * @return whether a run of that recipe on that dataset version was ever submitted
     */
    public synchronized boolean hasRun(String recipe, String datasetVersion) {
        return registry.all().stream().anyMatch(r -> r.spec().recipe().equals(recipe)
                && r.spec().datasetVersion().equals(datasetVersion));
    }

    /**
     * Stops a run: a queued one never starts, a running one's worker is killed. Its checkpoints stay.
     *
     * @param id the run id
     * @return the CANCELLED run
     * @throws ServiceException NOT_FOUND for an unknown run, FAILED_PRECONDITION when it has ended
     */
    public RunRecord cancel(String id) {
        RunRecord cancelled;
        WorkerHandle worker;
        synchronized (this) {
            RunRecord run = get(id);
            if (run.state().isTerminal()) {
                throw ServiceException.failedPrecondition(
                        "run_id: run '" + id + "' has already ended (" + run.state() + ")");
            }
            worker = workers.remove(id);
            cancelled = run.cancelled("cancelled by request at step " + run.step(), clock.instant());
            update(cancelled, null, events.failed(cancelled));
        }
        if (worker != null) {
            worker.stop();
        }
        synchronized (this) {
            dispatch();
        }
        return cancelled;
    }

    /**
     * Follows a run: the observer gets the current state at once (with the last step and checkpoint), then
     * every update until the run ends.
     *
     * @param id the run id
     * @param observer the observer
     * @return closing it stops the updates
     * @throws ServiceException NOT_FOUND for an unknown run
     */
    public synchronized AutoCloseable observe(String id, ProgressObserver observer) {
        RunRecord run = get(id);
        observer.onProgress(new ProgressEvent(run, lastSteps.get(id), run.lastCheckpoint().orElse(null)));
        if (run.state().isTerminal()) {
            return () -> { };
        }
        observers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(observer);
        return () -> {
            List<ProgressObserver> list = observers.get(id);
            if (list != null) {
                list.remove(observer);
            }
        };
    }

    /**
     * Stops every worker for a service shutdown. Their runs are queued again without using a restart, so the
     * next service process resumes them.
     */
    @Override
    public void close() {
        List<WorkerHandle> stopping;
        launcher.onShutdown();
        synchronized (this) {
            closed = true;
            for (String id : workers.keySet()) {
                registry.save(get(id).requeued("the service shut down; resuming on its next start", false,
                        clock.instant()));
            }
            stopping = new ArrayList<>(workers.values());
            workers.clear();
        }
        stopping.forEach(WorkerHandle::stop);
    }

    /** Starts queued runs, oldest first, while worker slots are free. Called with the lock held. */
    private void dispatch() {
        if (closed) {
            return;
        }
        while (workers.size() < maxConcurrent) {
            Optional<RunRecord> next = registry.all().stream().filter(r -> r.state() == RunState.QUEUED).findFirst();
            if (next.isEmpty()) {
                return;
            }
            RunRecord run = next.get();
            RunRecord launched = run.launched(clock.instant());
            try {
                WorkerHandle worker = launcher.launch(launched, new Listener(run.id(), launched.attempts()));
                workers.put(run.id(), worker);
                update(launched.withWorkerPid(worker.pid()), null, true);
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "cannot start a worker for %s", run.id());
                RunRecord failed = launched.failed("cannot start a worker: " + e.getMessage(), clock.instant());
                update(failed, null, events.failed(failed));
            }
        }
    }

    /** The run after its worker died: queued to resume, or failed when its restarts are used up. */
    private RunRecord afterWorkerLoss(RunRecord run, String what) {
        String from = run.lastCheckpoint().map(c -> "checkpoint step " + c.step()).orElse("the start");
        if (run.restarts() < maxRestarts) {
            return run.requeued(what + "; resuming from " + from + " (restart " + (run.restarts() + 1) + " of "
                    + maxRestarts + ")", true, clock.instant());
        }
        return run.failed(what + "; no restarts left (" + maxRestarts + " used)", clock.instant());
    }

    /** Stores a change and tells the run's observers; forgets the observers once the run has ended. */
    private void update(RunRecord run, CheckpointRecord checkpoint, boolean persist) {
        if (persist) {
            update(run, checkpoint, StagedEvent.none());
        } else {
            registry.keep(run);
            tell(run, checkpoint);
        }
    }

    /** Saves a change together with the event staged for it (committed once saved), then tells the observers. */
    private void update(RunRecord run, CheckpointRecord checkpoint, StagedEvent event) {
        event.commitWith(() -> registry.save(run));
        tell(run, checkpoint);
    }

    private void tell(RunRecord run, CheckpointRecord checkpoint) {
        ProgressEvent event = new ProgressEvent(run, lastSteps.get(run.id()), checkpoint);
        List<ProgressObserver> list = run.state().isTerminal() ? observers.remove(run.id()) : observers.get(run.id());
        if (list != null) {
            list.forEach(o -> o.onProgress(event));
        }
        if (run.state().isTerminal()) {
            lastSteps.remove(run.id());
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private void requireOpen() {
        if (closed) {
            throw ServiceException.failedPrecondition("the service is shutting down");
        }
    }

    /** Applies one worker's reports to its run; reports of a worker the run no longer belongs to are ignored. */
    private final class Listener implements WorkerListener {
        private final String runId;
        private final int attempt;

        Listener(String runId, int attempt) {
            this.runId = runId;
            this.attempt = attempt;
        }

        /** @return the run while this worker is its current one, else empty */
        private Optional<RunRecord> current() {
            return registry.find(runId).filter(r -> !closed && r.state() == RunState.RUNNING && r.attempts() == attempt);
        }

        @Override
        public void onEvent(WorkerEvent event) {
            synchronized (RunManager.this) {
                current().ifPresent(run -> apply(run, event));
            }
        }

        /** Applies the report with the lock held, saving each milestone with its event. */
        private void apply(RunRecord run, WorkerEvent event) {
            if (event instanceof WorkerEvent.Started s) {
                RunRecord next = run.planned(s.totalSteps(), s.startStep(), clock.instant());
                update(next, null, events.started(next, s.startStep()));
            } else if (event instanceof WorkerEvent.Step s) {
                lastSteps.put(runId, s);
                update(run.stepped(s.step(), s.epoch(), s.loss(), clock.instant()), null, false);
            } else if (event instanceof WorkerEvent.Checkpoint c) {
                CheckpointRecord checkpoint = new CheckpointRecord(c.step(), c.epoch(),
                        Path.of(c.bundle()).toUri().toString(), c.embeddingDim());
                RunRecord next = run.checkpointed(checkpoint, clock.instant());
                update(next, checkpoint, events.checkpointSaved(next, checkpoint));
            } else if (event instanceof WorkerEvent.Finished f) {
                RunRecord next = run.succeeded(f.steps(), f.finalLoss(), clock.instant());
                workers.remove(runId);
                update(next, null, events.finished(next));
                dispatch();
            } else {
                WorkerEvent.Failed f = (WorkerEvent.Failed) event;
                RunRecord next = run.failed(f.reason(), clock.instant());
                workers.remove(runId);
                update(next, null, events.failed(next));
                dispatch();
            }
        }

        @Override
        public void onExit(int exitCode) {
            synchronized (RunManager.this) {
                Optional<RunRecord> found = current();
                if (found.isEmpty()) {
                    return; // it had reported its end, was cancelled, or the service is shutting down
                }
                RunRecord run = found.get();
                LOG.warnf("the worker of %s (attempt %d) exited with code %d at step %d", runId, attempt, exitCode,
                        run.step());
                workers.remove(runId);
                RunRecord next = afterWorkerLoss(run, "worker exited with code " + exitCode + " at step " + run.step());
                update(next, null, next.state() == RunState.FAILED ? events.failed(next) : StagedEvent.none());
                dispatch();
            }
        }
    }
}
