package io.mdfe.eval.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mdfe.core.train.CheckpointStore;
import io.mdfe.eval.grpc.EvaluationRequests;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.eval.job.QueueFullException;
import io.mdfe.k8s.api.v1alpha1.Evaluation;
import io.mdfe.k8s.api.v1alpha1.EvaluationSpec;
import io.mdfe.k8s.api.v1alpha1.EvaluationStatus;
import io.mdfe.k8s.api.v1alpha1.ModelSource;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.service.common.grpc.ServiceException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Reconciles the Evaluations of eval-service's namespace (a Fabric8 informer, like trainer-service's TrainingRun
 * reconciler). A resource's spec becomes the gRPC Evaluate request it means ({@link SpecRequests}), checked by the
 * same {@link EvaluationRequests} and queued on the same {@link JobQueue} (so the run, its reports and its
 * EvaluationCompleted event are those of any evaluation); the job's state is mirrored into the status. A spec
 * generation is evaluated once: re-applying it changes nothing, a changed spec cancels the old job and queues a
 * new one, and deleting the resource cancels its job. Bad input (a missing bundle, an unknown domain, a TrainingRun
 * that does not exist) fails it with a condition naming the field, and is not retried until the spec changes.
 * Status is written only when it changed; reconciles are serialised.
 */
public final class EvaluationReconciler implements ResourceEventHandler<Evaluation>, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EvaluationReconciler.class);

    private final KubernetesClient client;
    private final EvaluationRequests requests;
    private final JobQueue queue;
    private final EvaluationMirror mirror;
    private final boolean mirrorOthers;
    private final Clock clock;
    /** Job changes arrive on evaluation workers, under the queue's lock: the API calls they cause happen here. */
    private final ExecutorService reactions = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "evaluation-status");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * The job queued for each resource generation (uid@generation): a resync or job change may hand over a cached
     * copy that predates the status write naming the job, and must not queue a second one.
     */
    private final Map<String, String> queued = new ConcurrentHashMap<>();
    private SharedIndexInformer<Evaluation> informer;
    private JobQueue.Watch subscription;

    /**
     * @param client a client of the service's namespace
     * @param requests the Evaluate request checks
     * @param queue the evaluation jobs
     * @param mirrorOthers whether evaluations asked for over gRPC or by events get resources too
     * @param clock for condition times
     */
    public EvaluationReconciler(KubernetesClient client, EvaluationRequests requests, JobQueue queue,
                                boolean mirrorOthers, Clock clock) {
        this.client = client;
        this.requests = requests;
        this.queue = queue;
        this.mirror = new EvaluationMirror(client);
        this.mirrorOthers = mirrorOthers;
        this.clock = clock;
    }

    /**
     * Starts watching the namespace's Evaluations and the queue's jobs; every resource is reconciled again every
     * {@code resyncMillis}. With mirroring on, the jobs already known get their resources.
     *
     * @param resyncMillis the resync period
     */
    public void start(long resyncMillis) {
        subscription = queue.subscribe(job -> reactions.execute(() -> jobChanged(job)));
        informer = client.resources(Evaluation.class).inform(this, resyncMillis);
        if (mirrorOthers) {
            reactions.execute(() -> queue.list().stream().filter(j -> j.trigger() != JobTrigger.RESOURCE)
                    .forEach(this::jobChanged));
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        if (informer != null) {
            informer.close();
        }
        reactions.shutdownNow();
    }

    @Override
    public void onAdd(Evaluation evaluation) {
        reconcile(evaluation);
    }

    @Override
    public void onUpdate(Evaluation before, Evaluation evaluation) {
        reconcile(evaluation);
    }

    /** Deleting an Evaluation cancels its job (a finished one stays as it ended). */
    @Override
    public void onDelete(Evaluation evaluation, boolean unknownFinalState) {
        queued.keySet().removeIf(key -> key.startsWith(evaluation.getMetadata().getUid() + "@"));
        Optional.ofNullable(evaluation.getStatus()).map(EvaluationStatus::getEvaluationId).ifPresent(id ->
                queue.cancel(id, EvaluationStatuses.CANCELLED + "Evaluation " + evaluation.getMetadata().getName()
                        + " was deleted"));
    }

    /**
     * Brings one Evaluation's status up to date, queueing its evaluation first when its spec generation has none.
     *
     * @param evaluation the resource as last seen
     */
    public synchronized void reconcile(Evaluation evaluation) {
        String name = evaluation.getMetadata().getName();
        try {
            EvaluationStatus before = evaluation.getStatus() == null ? new EvaluationStatus() : evaluation.getStatus();
            EvaluationStatus after = next(evaluation, EvaluationStatuses.copy(before));
            if (!EvaluationStatuses.same(before, after)) {
                evaluation.setStatus(after);
                client.resources(Evaluation.class).resource(evaluation).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // A conflict means a newer version is on its way to this handler; anything else is retried at resync.
            LOG.debugf(e, "status of Evaluation %s not written", name);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconciling Evaluation %s failed", name);
        }
    }

    private EvaluationStatus next(Evaluation evaluation, EvaluationStatus status) {
        long generation = Optional.ofNullable(evaluation.getMetadata().getGeneration()).orElse(0L);
        String mirrored = evaluation.getMetadata().getAnnotations() == null ? null
                : evaluation.getMetadata().getAnnotations().get(EvaluationMirror.EVALUATION_ID);
        if (mirrored != null) {
            return job(status, mirrored, generation, "metadata.annotations." + EvaluationMirror.EVALUATION_ID);
        }
        boolean current = Objects.equals(status.getObservedGeneration(), generation);
        if (!current && status.getEvaluationId() != null) {
            queue.cancel(status.getEvaluationId(), EvaluationStatuses.CANCELLED + "the spec of Evaluation "
                    + evaluation.getMetadata().getName() + " changed (generation " + generation + ")");
            status = EvaluationStatuses.forNewGeneration(status);
        }
        if (status.getEvaluationId() == null) {
            if (current && status.getPhase() == Phase.Failed) {
                return status; // bad input stays failed until the spec changes
            }
            String key = evaluation.getMetadata().getUid() + "@" + generation;
            String known = queued.get(key);
            if (known != null) {
                return job(status, known, generation, "status.evaluationId");
            }
            EvaluationSpec spec = evaluation.getSpec();
            String modelField = modelField(spec);
            try {
                if (spec == null) {
                    throw new InvalidSpecException("spec: required");
                }
                EvaluationRequests.Validated valid = requests.validate(SpecRequests.request(spec, bundleUri(spec)));
                status.setEvaluationId(queue.submit(valid.spec(), valid.model(), JobTrigger.RESOURCE).id());
                queued.put(key, status.getEvaluationId());
            } catch (QueueFullException e) {
                return EvaluationStatuses.phase(status, Phase.Pending, false, "QueueFull", e.getMessage()
                        + "; queued at a later resync", generation, clock.instant());
            } catch (ServiceException e) {
                return failed(status, SpecRequests.fieldNamed(e.getMessage(), modelField), generation);
            } catch (InvalidSpecException e) {
                return failed(status, e.getMessage(), generation);
            } catch (NotReadyException e) {
                return EvaluationStatuses.phase(status, Phase.Pending, false, e.reason, e.getMessage(), generation,
                        clock.instant());
            }
        }
        return job(status, status.getEvaluationId(), generation, "status.evaluationId");
    }

    private EvaluationStatus job(EvaluationStatus status, String id, long generation, String field) {
        Optional<EvaluationJob> job = queue.get(id);
        if (job.isEmpty()) {
            // eval-service lost its job store (its state volume): the evaluation cannot be followed any more.
            return EvaluationStatuses.phase(status, Phase.Failed, false, "EvaluationLost",
                    field + ": evaluation " + id + " is not known to eval-service", generation, clock.instant());
        }
        return EvaluationStatuses.of(status, job.get(), generation, clock.instant());
    }

    private EvaluationStatus failed(EvaluationStatus status, String message, long generation) {
        return EvaluationStatuses.phase(status, Phase.Failed, false, "InvalidSpec", message, generation, clock.instant());
    }

    /** A job changed: its resource's status follows (a mirrored one is created first). */
    private void jobChanged(EvaluationJob job) {
        try {
            Evaluation resource;
            if (job.trigger() == JobTrigger.RESOURCE) {
                resource = informer == null ? null : informer.getStore().list().stream()
                        .filter(e -> e.getStatus() != null && job.id().equals(e.getStatus().getEvaluationId()))
                        .findFirst()
                        .map(e -> client.resources(Evaluation.class).withName(e.getMetadata().getName()).get())
                        .orElse(null);
            } else {
                resource = mirrorOthers ? mirror.ensure(job) : null;
            }
            if (resource != null) {
                reconcile(resource);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "the resource of evaluation %s was not updated; it is at the next resync", job.id());
        }
    }

    /** The bundle to score: the spec's, or the named checkpoint (else the newest) of the spec's TrainingRun. */
    private String bundleUri(EvaluationSpec spec) {
        ModelSource model = spec.getModel();
        if (model == null) {
            throw new InvalidSpecException("spec.model: required (bundleUri, or trainingRun)");
        }
        if (model.getBundleUri() != null) {
            return model.getBundleUri();
        }
        String name = model.getTrainingRun();
        TrainingRun run = client.resources(TrainingRun.class).withName(name).get();
        if (run == null) {
            throw new InvalidSpecException("spec.model.trainingRun: no TrainingRun '" + name + "' in this namespace");
        }
        String last = run.getStatus() == null ? null : run.getStatus().getLastCheckpoint();
        if (last == null) {
            if (run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinal()) {
                throw new InvalidSpecException("spec.model.trainingRun: TrainingRun '" + name + "' ended ("
                        + run.getStatus().getPhase() + ") without a checkpoint");
            }
            throw new NotReadyException("WaitingForCheckpoint", "spec.model.trainingRun: TrainingRun '" + name
                    + "' has no checkpoint yet");
        }
        if (model.getCheckpointStep() == null) {
            return last;
        }
        // Checkpoints are siblings: <run>/checkpoints/step-<n>/<bundle>.
        Path bundle = Path.of(URI.create(last));
        return new CheckpointStore(bundle.getParent().getParent()).folder(model.getCheckpointStep())
                .resolve(bundle.getFileName()).toUri().toString();
    }

    private static String modelField(EvaluationSpec spec) {
        ModelSource model = spec == null ? null : spec.getModel();
        if (model == null || model.getBundleUri() != null) {
            return "spec.model.bundleUri";
        }
        return model.getCheckpointStep() != null ? "spec.model.checkpointStep" : "spec.model.trainingRun";
    }

    /** A spec that cannot be run, found before the request checks. */
    private static final class InvalidSpecException extends RuntimeException {
        InvalidSpecException(String message) {
            super(message);
        }
    }

    /** A spec that can run later (its TrainingRun has no checkpoint yet); tried again at every resync. */
    private static final class NotReadyException extends RuntimeException {
        private final String reason;

        NotReadyException(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
