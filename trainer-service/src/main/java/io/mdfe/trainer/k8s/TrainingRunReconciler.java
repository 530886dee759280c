package io.mdfe.trainer.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mdfe.k8s.api.v1alpha1.DatasetRef;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.k8s.api.v1alpha1.TrainingRunSpec;
import io.mdfe.k8s.api.v1alpha1.TrainingRunStatus;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.plan.DataSelection;
import io.mdfe.trainer.plan.RunPlanner;
import io.mdfe.trainer.plan.TrainingRequest;
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reconciles TrainingRuns, one at a time per resource (the informer's handler thread): a new TrainingRun is
 * planned and submitted to the {@link RunManager} (whose {@link KubernetesJobLauncher} gives it its Job), and from
 * then on the run's progress is mirrored into the status. Idempotent: a TrainingRun whose status already names
 * its run is only mirrored, so a restarted operator creates no second run (and no second Job). Bad input (an
 * unknown recipe, an invalid inline config, a missing ConfigMap) fails it with a message naming the field, and
 * is never retried; so do an image name that cannot exist, and an image pull error or GPUs no node gives once
 * they outlast their deadlines ({@link FailureDeadlines}). The status is written only when it changed.
 */
public final class TrainingRunReconciler implements ResourceEventHandler<TrainingRun>, AutoCloseable {

    /** The condition type every TrainingRun carries. */
    public static final String READY = io.mdfe.k8s.api.v1alpha1.Conditions.READY;

    private static final Logger LOG = Logger.getLogger(TrainingRunReconciler.class);
    private final KubernetesClient client;
    private final RunPlanner planner;
    private final RunManager runs;
    private final KubernetesJobLauncher launcher;
    private final Clock clock;
    /**
     * Pod failures that fail the run naming the spec field: an image name that cannot exist at once, image pull
     * errors and unschedulable pods once they outlast their deadlines.
     */
    private final FailureDeadlines deadlines;
    private final Map<String, TrainingRun> owners = new ConcurrentHashMap<>();
    /**
     * The run submitted for each TrainingRun (by uid): a resync may hand over a cached copy that predates the
     * status write naming the run, and must not submit a second one.
     */
    private final Map<String, String> submitted = new ConcurrentHashMap<>();
    /** The TrainingRun being submitted: the RunManager may launch it before submit returns its id. */
    private volatile TrainingRun submitting;
    private SharedIndexInformer<TrainingRun> informer;

    /**
     * @param client a client of the service's namespace
     * @param planner checks and plans runs
     * @param runs the runs
     * @param launcher the Job launcher behind {@code runs}
     * @param clock for condition times
     * @param imagePullDeadline how long a pod may fail to pull its image before the run is failed
     *        ({@code mdfe.k8s.image-pull-deadline})
     * @param schedulingDeadline how long a pod may find no node (a cluster autoscaler may be adding one) before
     *        the run is failed; zero fails it at once (a pool of fixed size) ({@code mdfe.k8s.scheduling-deadline})
     * @throws IllegalArgumentException for a negative deadline, naming its setting
     */
    public TrainingRunReconciler(KubernetesClient client, RunPlanner planner, RunManager runs,
                                 KubernetesJobLauncher launcher, Clock clock, Duration imagePullDeadline,
                                 Duration schedulingDeadline) {
        FailureDeadlines.Rule pull = new FailureDeadlines.Rule("spec.image",
                notNegative("mdfe.k8s.image-pull-deadline", imagePullDeadline));
        this.deadlines = new FailureDeadlines(Map.of("ImagePullBackOff", pull, "ErrImagePull", pull,
                "InvalidImageName", new FailureDeadlines.Rule("spec.image", Duration.ZERO),
                "Unschedulable", new FailureDeadlines.Rule("spec.resources.gpus",
                        notNegative("mdfe.k8s.scheduling-deadline", schedulingDeadline))), clock);
        this.client = client;
        this.planner = planner;
        this.runs = runs;
        this.launcher = launcher;
        this.clock = clock;
    }

    /**
     * @param runId a run
     * @return the TrainingRun it was started for (the launcher's owner lookup)
     */
    public Optional<TrainingRun> owner(String runId) {
        TrainingRun owner = owners.get(runId);
        return Optional.ofNullable(owner != null ? owner : submitting);
    }

    /**
     * Starts watching the namespace's TrainingRuns; every resource is reconciled again every {@code resyncMillis},
     * which mirrors the run's progress.
     *
     * @param resyncMillis the resync period
     */
    public void start(long resyncMillis) {
        informer = client.resources(TrainingRun.class).inform(this, resyncMillis);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
    }

    @Override
    public void onAdd(TrainingRun run) {
        reconcile(run);
    }

    @Override
    public void onUpdate(TrainingRun before, TrainingRun run) {
        reconcile(run);
    }

    /** Deleting the TrainingRun cancels its run (cancel deletes the Job; its ownerReference would too). */
    @Override
    public void onDelete(TrainingRun run, boolean unknownFinalState) {
        submitted.remove(String.valueOf(run.getMetadata().getUid()));
        Optional.ofNullable(run.getStatus()).map(TrainingRunStatus::getRunId).ifPresent(id -> {
            owners.remove(id);
            RunRecord record = runs.get(id);
            if (record != null && !record.state().isTerminal()) {
                runs.cancel(id);
            }
        });
    }

    /**
     * Brings one TrainingRun's status up to date, creating its run first when it has none.
     *
     * @param run the resource as last seen
     */
    public synchronized void reconcile(TrainingRun run) {
        try {
            TrainingRunStatus before = run.getStatus() == null ? new TrainingRunStatus() : run.getStatus();
            TrainingRunStatus after = next(run, copy(before));
            if (!TrainingRunStatuses.same(before, after)) {
                run.setStatus(after);
                client.resources(TrainingRun.class).resource(run).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // A conflict means a newer version is on its way to this handler; anything else is retried at resync.
            LOG.debugf(e, "status of TrainingRun %s not written", run.getMetadata().getName());
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciling TrainingRun %s failed", run.getMetadata().getName());
        }
    }

    private TrainingRunStatus next(TrainingRun run, TrainingRunStatus status) {
        long generation = Optional.ofNullable(run.getMetadata().getGeneration()).orElse(0L);
        String uid = String.valueOf(run.getMetadata().getUid());
        if (status.getRunId() == null && submitted.containsKey(uid)) {
            status.setRunId(submitted.get(uid));
            status.setJobName(TrainingJobs.name(status.getRunId()));
        }
        if (status.getRunId() == null) {
            if (status.getPhase() == Phase.Failed && Objects.equals(status.getObservedGeneration(), generation)) {
                return status; // bad input stays failed until the spec changes
            }
            try {
                RunRecord record;
                submitting = run;
                try {
                    record = runs.submit(planner.plan(request(run)));
                    owners.put(record.id(), run);
                    submitted.put(uid, record.id());
                } finally {
                    submitting = null;
                }
                status.setRunId(record.id());
                status.setJobName(TrainingJobs.name(record.id()));
            } catch (ServiceException | InvalidSpecException e) {
                return TrainingRunStatuses.failed(status, generation, "InvalidSpec", fieldNamed(e.getMessage()), clock);
            }
        }
        owners.putIfAbsent(status.getRunId(), run);
        RunRecord record;
        try {
            record = runs.get(status.getRunId());
        } catch (ServiceException e) {
            // trainer-service lost its run registry (its state volume): the run cannot be followed any more.
            return TrainingRunStatuses.failed(status, generation, "RunLost",
                    "status.runId: run " + status.getRunId() + " is not known to trainer-service", clock);
        }
        Optional<PodFailures.Failure> failure = launcher.failure(record.id());
        if (failure.isEmpty() || !deadlines.covers(failure.get().reason()) || record.state().isTerminal()) {
            deadlines.clear(record.id());
        } else {
            PodFailures.Failure f = failure.get();
            FailureDeadlines.Verdict verdict = deadlines.seen(record.id(), f.reason(), f.since());
            if (verdict.expired()) {
                // An image name that cannot exist, or a failure that outlasted its deadline: the run would wait forever.
                record = runs.cancel(record.id());
                TrainingRunStatuses.failed(status, generation, f.reason(),
                        verdict.field() + ": " + f.message() + verdict.note(), clock);
            } else {
                failure = Optional.of(new PodFailures.Failure(f.reason(), f.message() + verdict.note(), f.since()));
            }
        }
        return mirror(status, record, failure, launcher.observation(record.id()), generation);
    }

    private TrainingRunStatus mirror(TrainingRunStatus status, RunRecord record, Optional<PodFailures.Failure> failure,
                                     Optional<JobObservation> job, long generation) {
        status.setStep(record.step());
        status.setTotalSteps(record.totalSteps());
        status.setLastLoss(record.step() > 0 ? record.loss() : null);
        status.setLastCheckpoint(record.lastCheckpoint().map(CheckpointRecord::bundleUri).orElse(null));
        // The Job restarts pods under Kubernetes; the run manager's own count stays 0 there.
        int restarts = job.map(JobObservation::restarts).orElse(record.restarts());
        status.setRestarts(restarts);
        job.map(JobObservation::podName).ifPresent(status::setPodName);
        failure.ifPresent(f -> status.setFailureReason(f.reason()));
        if (status.getPhase() == Phase.Failed && deadlines.covers(status.getFailureReason())
                && record.state() == RunState.CANCELLED) {
            return status; // failed by this reconciler, naming the field; the cancelled run must not overwrite it
        }
        Phase phase = switch (record.state()) {
            case QUEUED -> Phase.Pending;
            case RUNNING -> Phase.Running;
            case SUCCEEDED -> Phase.Succeeded;
            case FAILED, CANCELLED -> Phase.Failed;
        };
        String reason = switch (record.state()) {
            case QUEUED -> "Queued";
            case RUNNING -> failure.map(PodFailures.Failure::reason).orElse("Training");
            case SUCCEEDED -> "Trained";
            case FAILED -> failure.map(PodFailures.Failure::reason).orElse("TrainingFailed");
            case CANCELLED -> "Cancelled";
        };
        String progress = "step " + record.step() + " of " + record.totalSteps();
        String retried = restarts == 0 ? "" : "; restarted " + restarts + " time(s) from the last checkpoint";
        String message = switch (record.state()) {
            case RUNNING -> progress + failure.map(f -> "; " + f.message()).orElse("") + retried;
            case FAILED -> failure.map(f -> f.message() + "; the Job gave up after " + restarts
                    + " restart(s) (spec.maxRestarts)").orElse(record.reason());
            case QUEUED, SUCCEEDED -> progress;
            case CANCELLED -> record.reason();
        };
        return TrainingRunStatuses.withPhase(status, phase, record.state() == RunState.SUCCEEDED, reason, message,
                generation, clock);
    }

    private TrainingRequest request(TrainingRun run) {
        TrainingRunSpec spec = run.getSpec();
        if (spec == null) {
            throw new InvalidSpecException("spec: required");
        }
        String config = spec.getConfig() == null ? "" : spec.getConfig();
        if (spec.getConfigMapRef() != null) {
            ConfigMap map = client.configMaps().withName(spec.getConfigMapRef().getName()).get();
            String key = spec.getConfigMapRef().getKey();
            if (map == null || map.getData() == null || !map.getData().containsKey(key)) {
                throw new InvalidSpecException("spec.configMapRef: no key '" + key + "' in ConfigMap '"
                        + spec.getConfigMapRef().getName() + "'");
            }
            config = map.getData().get(key);
        }
        return new TrainingRequest(config, spec.getRecipe() == null ? "" : spec.getRecipe(), data(spec.getDataset()),
                spec.getOverrides() == null ? List.of() : spec.getOverrides());
    }

    private static DataSelection data(DatasetRef dataset) {
        if (dataset == null) {
            return null;
        }
        List<String> names = dataset.getNames() == null ? List.of() : dataset.getNames();
        if (dataset.getRoot() != null) {
            return DataSelection.directory(dataset.getRoot(), names);
        }
        return DataSelection.registered(Objects.requireNonNullElse(dataset.getId(), ""),
                Objects.requireNonNullElse(dataset.getVersion(), ""), names);
    }

    /** The planner names gRPC fields (recipe, config_yaml, dataset); a TrainingRun's user knows spec fields. */
    static String fieldNamed(String message) {
        if (message.startsWith("spec")) {
            return message;
        }
        return "spec." + message.replaceFirst("^config_yaml / overrides", "config / spec.overrides")
                .replaceFirst("^recipe / overrides", "recipe / spec.overrides")
                .replaceFirst("^config_yaml", "config");
    }

    private static Duration notNegative(String setting, Duration deadline) {
        if (deadline.isNegative()) {
            throw new IllegalArgumentException(setting + " must not be negative, not " + deadline);
        }
        return deadline;
    }

    private static TrainingRunStatus copy(TrainingRunStatus status) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(status);
    }

    /** A spec that cannot be planned, found before the planner. */
    private static final class InvalidSpecException extends RuntimeException {
        InvalidSpecException(String message) {
            super(message);
        }
    }
}
