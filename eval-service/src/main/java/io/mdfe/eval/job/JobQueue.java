package io.mdfe.eval.job;

import java.time.Clock;
import io.mdfe.service.common.events.outbox.StagedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The evaluation jobs and the bounded worker pool that runs them, in submission order. Every state and
 * phase change is saved through the {@link JobStore} before watchers hear of it (embedding counts, which
 * change per batch, are kept in memory only). {@link #start} reloads the saved jobs: finished ones as they
 * are, queued ones back in the queue, and RUNNING ones (cut off by a shutdown) queued again from scratch.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobQueue.class);

    /** Told of one job's every change; the first call carries its state at subscription. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final JobStore store;
    private final EvaluationRunner runner;
    private final int maxQueued;
    private final Function<EvaluationJob, StagedEvent> announce;
    private final Clock clock;
    private final ExecutorService workers;
    /** Guarded by {@code this}; insertion order is submission order. */
    private final Map<String, EvaluationJob> jobs = new LinkedHashMap<>();
    private final Map<String, List<Consumer<EvaluationJob>>> watchers = new ConcurrentHashMap<>();
    /** Told of every saved change of every job (the Kubernetes mirror); not of per-batch embedding counts. */
    private final List<Consumer<EvaluationJob>> subscribers = new CopyOnWriteArrayList<>();
    /** The running jobs' tasks, so a cancel can interrupt one. */
    private final Map<String, Future<?>> tasks = new ConcurrentHashMap<>();
    /** Why a job was cancelled, for the jobs cancelled while running. */
    private final Map<String, String> cancelled = new ConcurrentHashMap<>();
    private volatile boolean closing;

    private JobQueue(JobStore store, EvaluationRunner runner, int workerCount, int maxQueued,
                     Function<EvaluationJob, StagedEvent> announce, Clock clock) {
        if (workerCount < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("workers and max queued must be at least 1, got " + workerCount
                    + " and " + maxQueued);
        }
        this.store = store;
        this.runner = runner;
        this.maxQueued = maxQueued;
        this.announce = announce;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread t = new Thread(task, "eval-worker-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reloads the saved jobs and starts the workers on the unfinished ones.
     *
     * @param store the saved jobs
     * @param runner runs one job
     * @param workerCount jobs run at once
     * @param maxQueued jobs that may wait
     * @param announce stages the event of a job's SUCCEEDED state on the worker thread, just before that state is
     *                 saved; it is committed with the save, so a crash never keeps one without the other. When it
     *                 cannot be staged the job is not saved as SUCCEEDED but fails, naming why
     * @param clock for the job timestamps
     * @return the running queue
     */
    public static JobQueue start(JobStore store, EvaluationRunner runner, int workerCount, int maxQueued,
                                 Function<EvaluationJob, StagedEvent> announce, Clock clock) {
        JobQueue queue = new JobQueue(store, runner, workerCount, maxQueued, announce, clock);
        queue.reload();
        return queue;
    }

    private synchronized void reload() {
        for (EvaluationJob saved : store.loadAll()) {
            EvaluationJob job = saved;
            if (saved.state() == JobState.RUNNING) {
                job = saved.requeued();
                store.save(job);
                LOG.infof("evaluation %s was running at shutdown: queued again", job.id());
            }
            jobs.put(job.id(), job);
            if (job.state() == JobState.QUEUED) {
                schedule(job.id());
            }
        }
    }

    /**
     * Queues a new job.
     *
     * @param spec what to evaluate
     * @param model the checkpoint, from the bundle manifest
     * @param trigger who asks
     * @return the queued job
     * @throws QueueFullException when {@code maxQueued} jobs already wait
     */
    public EvaluationJob submit(EvaluationSpec spec, ModelKey model, JobTrigger trigger) {
        return submit(spec, model, trigger, null, null);
    }

    private synchronized EvaluationJob submit(EvaluationSpec spec, ModelKey model, JobTrigger trigger, String runId,
                                              FinalRun finalRun) {
        long waiting = jobs.values().stream().filter(j -> j.state() == JobState.QUEUED).count();
        if (waiting >= maxQueued) {
            throw new QueueFullException(maxQueued);
        }
        EvaluationJob job = EvaluationJob.queued(UUID.randomUUID().toString(), spec, model, trigger, runId, finalRun,
                clock.instant());
        store.save(job);
        jobs.put(job.id(), job);
        schedule(job.id());
        return job;
    }

    /**
     * Queues a checkpoint's val evaluation unless that checkpoint already has one queued, running or succeeded
     * (a redelivered or repeated CheckpointSaved event); a failed one is tried again.
     *
     * @param runId the training run
     * @return the new job, or empty when it is a duplicate
     * @throws QueueFullException when {@code maxQueued} jobs already wait
     */
    public synchronized Optional<EvaluationJob> submitCheckpoint(EvaluationSpec spec, ModelKey model, String runId) {
        return isKnown(JobTrigger.CHECKPOINT, model) ? Optional.empty()
                : Optional.of(submit(spec, model, JobTrigger.CHECKPOINT, runId, null));
    }

    /**
     * Queues a run's final evaluation (its last checkpoint on test) unless one is already queued, running or
     * succeeded for that checkpoint (a redelivered TrainingFinished); a failed one is tried again.
     *
     * @param runId the training run
     * @param run what the run report needs of the run
     * @return the new job, or empty when it is a duplicate
     * @throws QueueFullException when {@code maxQueued} jobs already wait
     */
    public synchronized Optional<EvaluationJob> submitFinal(EvaluationSpec spec, ModelKey model, String runId,
                                                            FinalRun run) {
        return isKnown(JobTrigger.FINAL, model) ? Optional.empty()
                : Optional.of(submit(spec, model, JobTrigger.FINAL, runId, run));
    }

    private boolean isKnown(JobTrigger trigger, ModelKey model) {
        return jobs.values().stream().anyMatch(j -> j.trigger() == trigger && j.model().equals(model)
                && j.state() != JobState.FAILED);
    }

    /** {@return the job with this id, if any} */
    public synchronized Optional<EvaluationJob> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** {@return every job, newest submission first} */
    public synchronized List<EvaluationJob> list() {
        List<EvaluationJob> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(EvaluationJob::submitted).reversed());
        return all;
    }

    /**
     * Follows a job: {@code listener} gets its current snapshot now, then every change, on the thread that
     * made it. A listener must not block.
     *
     * @return empty for an unknown id; otherwise close it to stop listening
     */
    public Optional<Watch> watch(String id, Consumer<EvaluationJob> listener) {
        if (get(id).isEmpty()) {
            // Checked first so that unknown ids leave no listener lists behind.
            return Optional.empty();
        }
        List<Consumer<EvaluationJob>> list = watchers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        // Registered before the snapshot is read, so no change falls between the two (one may come twice).
        list.add(listener);
        listener.accept(get(id).orElseThrow());
        return Optional.of(() -> list.remove(listener));
    }

    /**
     * Follows every job: {@code listener} hears each saved change (state and phase, not embedding counts), on
     * the thread that made it. A listener must not block.
     *
     * @return close it to stop listening
     */
    public Watch subscribe(Consumer<EvaluationJob> listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    /**
     * Cancels a job: a queued one never runs, a running one's worker is interrupted and its result, if it still
     * comes, is dropped (no EvaluationCompleted). Either way it ends FAILED with {@code why}.
     *
     * @param id the job
     * @param why the reason kept as its error
     * @return the job after the cancel; empty for an unknown id; unchanged when it had already ended
     */
    public Optional<EvaluationJob> cancel(String id, String why) {
        Future<?> task;
        synchronized (this) {
            EvaluationJob job = jobs.get(id);
            if (job == null || job.state().terminal()) {
                return Optional.ofNullable(job);
            }
            if (job.state() == JobState.QUEUED) {
                return Optional.of(update(id, j -> j.failed(why, clock.instant()), true));
            }
            cancelled.put(id, why);
            task = tasks.get(id);
        }
        if (task != null) {
            task.cancel(true);
        }
        return get(id);
    }

    private void schedule(String id) {
        FutureTask<Void> task = new FutureTask<>(() -> execute(id), null);
        tasks.put(id, task);
        workers.execute(task);
    }

    private void execute(String id) {
        try {
            run(id);
        } finally {
            tasks.remove(id);
            cancelled.remove(id);
        }
    }

    private void run(String id) {
        synchronized (this) {
            // A job cancelled while queued has ended already.
            if (closing || jobs.get(id).state() != JobState.QUEUED) {
                return;
            }
            update(id, j -> j.running(clock.instant()), true);
        }
        try {
            EvaluationJob job = get(id).orElseThrow();
            EvaluationResult result = runner.run(job, store.reports(id), new Progress(id));
            String why = cancelled.remove(id);
            if (why != null) {
                endCancelled(id, why);
                return;
            }
            update(id, j -> j.succeeded(result, clock.instant()), announce);
        } catch (Throwable e) {
            String why = cancelled.remove(id);
            if (why != null) {
                LOG.infof("evaluation %s cancelled: %s", id, why);
                endCancelled(id, why);
                return;
            }
            if (closing) {
                // Cut off by shutdown: it stays RUNNING on disk and is queued again at the next start.
                LOG.infof("evaluation %s interrupted by shutdown", id);
                return;
            }
            LOG.warnf(e, "evaluation %s failed", id);
            update(id, j -> j.failed(describe(e), clock.instant()), true);
        }
    }

    /**
     * Saves a cancelled job as FAILED. The cancel's interrupt is cleared first: it has done its work, and left
     * set it would make the save's file channel refuse (ClosedByInterruptException), leaving the job RUNNING.
     */
    private void endCancelled(String id, String why) {
        Thread.interrupted();
        update(id, j -> j.failed(why, clock.instant()), true);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }

    private EvaluationJob update(String id, UnaryOperator<EvaluationJob> change, boolean persist) {
        return update(id, change, persist ? job -> StagedEvent.none() : null);
    }

    /**
     * Applies a change; saves it when {@code stage} is given, together with the event {@code stage} stages for it
     * (committed once saved, dropped when the save fails), else keeps it in memory only.
     */
    private EvaluationJob update(String id, UnaryOperator<EvaluationJob> change,
                                 Function<EvaluationJob, StagedEvent> stage) {
        EvaluationJob next;
        synchronized (this) {
            EvaluationJob changed = change.apply(jobs.get(id));
            if (stage != null) {
                stage.apply(changed).commitWith(() -> store.save(changed));
            }
            jobs.put(id, changed);
            next = changed;
        }
        for (Consumer<EvaluationJob> listener : watchers.getOrDefault(id, List.of())) {
            listener.accept(next);
        }
        if (stage != null) {
            for (Consumer<EvaluationJob> listener : subscribers) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a subscriber failed on evaluation %s", id);
                }
            }
        }
        return next;
    }

    /** Forwards a runner's reports to the job. */
    private final class Progress implements ProgressListener {
        private final String id;

        Progress(String id) {
            this.id = id;
        }

        @Override
        public void phase(JobPhase phase) {
            update(id, j -> j.inPhase(phase), true);
        }

        @Override
        public void embedded(long done, long total) {
            update(id, j -> j.withEmbedded(done, total), false);
        }
    }

    /**
     * Stops the workers: queued jobs stay QUEUED and a running one stays RUNNING on disk, so the next
     * {@link #start} picks both up.
     */
    @Override
    public void close() {
        closing = true;
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("an evaluation did not stop within 10 s of shutdown; it is queued again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
