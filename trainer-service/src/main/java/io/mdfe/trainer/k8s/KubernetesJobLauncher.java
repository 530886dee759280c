package io.mdfe.trainer.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.trainer.run.RunLauncher;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.WorkerEvent;
import io.mdfe.trainer.run.WorkerHandle;
import io.mdfe.trainer.run.WorkerListener;
import io.mdfe.trainer.worker.WorkerProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The {@link RunLauncher} of a cluster: each run is one batch/v1 Job ({@link TrainingJobs}) in the client's
 * namespace. Launching a run whose Job exists (a restarted service, a recovered run) adopts that Job instead
 * of creating a second one. The Job retries failed pods itself (backoffLimit = the run's max restarts), each
 * new pod resuming from the newest checkpoint on the shared volume, so the {@code RunManager} in front of this
 * launcher is given no restarts of its own.
 *
 * <p>The worker's reports are read from its pods' logs (the same {@link WorkerProtocol} lines a local worker
 * prints), so progress, checkpoints and the Kafka events derived from them flow as with local workers. The
 * follower polls the Job every {@code pollInterval} between pods: a run lasts minutes to days, and a poll
 * is one bounded GET, simpler to keep correct across pod retries than a watch that must be re-established.
 */
public final class KubernetesJobLauncher implements RunLauncher {

    /** The exit code reported when the Job failed (its pods' own codes are in their statuses). */
    public static final int JOB_FAILED = 1;
    /** The exit code reported when the Job vanished (deleted by someone else). */
    public static final int JOB_GONE = -1;

    private static final Logger LOG = Logger.getLogger(KubernetesJobLauncher.class);
    /** Failed looks at the Job in a row after which the run is given up as lost. */
    private static final int MAX_CONSECUTIVE_ERRORS = 20;
    /** Pod phases whose log exists. */
    private static final Set<String> FOLLOWABLE = Set.of("Running", "Succeeded", "Failed");

    private final KubernetesClient client;
    private final JobSettings settings;
    private final Function<String, Optional<TrainingRun>> owners;
    private final Duration pollInterval;
    private final WorkerProtocol protocol = new WorkerProtocol();
    private final Map<String, PodFailures.Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, JobObservation> observations = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /**
     * @param client a client of the service's namespace
     * @param settings the pods' defaults
     * @param owners the TrainingRun of a run id, if it has one (its placement wins, and it owns the Job)
     * @param pollInterval how often the Job is looked at while no pod log is being read
     */
    public KubernetesJobLauncher(KubernetesClient client, JobSettings settings,
                                 Function<String, Optional<TrainingRun>> owners, Duration pollInterval) {
        this.client = client;
        this.settings = settings;
        this.owners = owners;
        this.pollInterval = pollInterval;
    }

    @Override
    public WorkerHandle launch(RunRecord run, WorkerListener listener) throws IOException {
        String name = TrainingJobs.name(run.id());
        try {
            if (client.batch().v1().jobs().withName(name).get() == null) {
                try {
                    client.batch().v1().jobs().resource(TrainingJobs.build(run, settings, owners.apply(run.id()))).create();
                    LOG.infof("created Job %s for run %s", name, run.id());
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                        throw e;
                    }
                }
            } else {
                LOG.infof("adopted the existing Job %s of run %s", name, run.id());
            }
        } catch (KubernetesClientException e) {
            throw new IOException("cannot create Job " + name + " for run " + run.id() + ": " + e.getMessage(), e);
        }
        Follower follower = new Follower(run.id(), name, listener);
        Thread thread = new Thread(follower, "job-" + name);
        thread.setDaemon(true);
        thread.start();
        return follower;
    }

    /** A Job outlives the service: stopping its follower on shutdown leaves it running, to be adopted again. */
    @Override
    public void onShutdown() {
        shuttingDown = true;
    }

    /** A Job runs on while the service is down, killed or not, and is adopted by its run's next launch. */
    @Override
    public boolean workersOutliveService() {
        return true;
    }

    /** No orphan to stop: a Job is adopted by its run's next launch ({@link #workersOutliveService()}). */
    @Override
    public void stopOrphan(long pid) {
        // nothing: see launch
    }

    /**
     * @param runId a run
     * @return why its pods could not train (OOMKilled, image pull, Unschedulable), when that was seen
     */
    public Optional<PodFailures.Failure> failure(String runId) {
        return Optional.ofNullable(failures.get(runId));
    }

    /**
     * @param runId a run
     * @return its Job's newest pod and restarts, once its Job was looked at
     */
    public Optional<JobObservation> observation(String runId) {
        return Optional.ofNullable(observations.get(runId));
    }

    /** Reads a Job's pods' logs in turn until the Job finishes, then reports the exit. */
    private final class Follower implements Runnable, WorkerHandle {

        private final String runId;
        private final String jobName;
        private final WorkerListener listener;
        private final Set<String> followed = new HashSet<>();
        private volatile boolean stopped;
        private volatile LogWatch log;

        Follower(String runId, String jobName, WorkerListener listener) {
            this.runId = runId;
            this.jobName = jobName;
            this.listener = listener;
        }

        @Override
        public void run() {
            int errors = 0;
            try {
                while (!stopped) {
                    try {
                        if (step()) {
                            return;
                        }
                        errors = 0;
                    } catch (KubernetesClientException e) {
                        // An API server blip must not end a run that trains for days; a lasting outage does.
                        if (++errors > MAX_CONSECUTIVE_ERRORS) {
                            LOG.warnf(e, "lost track of Job %s of run %s", jobName, runId);
                            exit(JOB_GONE);
                            return;
                        }
                        LOG.debugf(e, "looking at Job %s failed (%d in a row)", jobName, errors);
                    }
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Looks at the Job once: follows the next pod's log, or reports the end. @return whether it ended */
        private boolean step() {
            Job job = client.batch().v1().jobs().withName(jobName).get();
            if (job == null) {
                exit(JOB_GONE);
                return true;
            }
            List<Pod> pods = client.pods().withLabel("job-name", jobName).list().getItems();
            // The current pods' failure only: a pull error that mended or a pod that got scheduled is forgotten.
            PodFailures.of(pods).ifPresentOrElse(f -> failures.put(runId, f), () -> failures.remove(runId));
            Optional<Boolean> finished = finished(job);
            observations.put(runId, new JobObservation(
                    pods.stream().max(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
                            .map(p -> p.getMetadata().getName()).orElse(null),
                    JobObservation.restarts(job.getStatus() == null ? null : job.getStatus().getFailed(),
                            finished.isPresent() && !finished.get())));
            Optional<Pod> next = pods.stream()
                    .filter(p -> !followed.contains(p.getMetadata().getName()))
                    .filter(p -> p.getStatus() != null && FOLLOWABLE.contains(p.getStatus().getPhase()))
                    .min(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
            if (next.isPresent()) {
                follow(next.get().getMetadata().getName());
                return false;
            }
            finished.ifPresent(succeeded -> exit(succeeded ? 0 : JOB_FAILED));
            return finished.isPresent();
        }

        private void follow(String pod) {
            followed.add(pod);
            try (LogWatch watch = client.pods().withName(pod).watchLog();
                 BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                log = watch;
                String line;
                while (!stopped && (line = lines.readLine()) != null) {
                    Optional<WorkerEvent> event = protocol.decode(line);
                    if (event.isPresent()) {
                        listener.onEvent(event.get());
                    }
                }
            } catch (IOException | KubernetesClientException e) {
                LOG.debugf(e, "log of pod %s ended", pod);
            }
        }

        private void exit(int code) {
            if (!stopped) {
                listener.onExit(code);
            }
        }

        @Override
        public long pid() {
            return 0;
        }

        @Override
        public void stop() {
            stopped = true;
            LogWatch current = log;
            if (current != null) {
                current.close();
            }
            if (shuttingDown) {
                return; // the Job trains on; the next service process adopts it
            }
            client.batch().v1().jobs().withName(jobName).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            listener.onExit(JOB_GONE);
        }
    }

    /** @return true when the Job completed, false when it failed, empty while it runs */
    static Optional<Boolean> finished(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if ("True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))) {
                return Optional.of("Complete".equals(c.getType()));
            }
        }
        return Optional.empty();
    }
}
