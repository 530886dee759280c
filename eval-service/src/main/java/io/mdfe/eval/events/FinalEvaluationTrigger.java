package io.mdfe.eval.events;

import io.mdfe.core.index.Metric;
import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.grpc.EvaluationRequests;
import io.mdfe.eval.job.EvaluationSpec;
import io.mdfe.eval.job.FinalRun;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import io.mdfe.service.common.events.consume.PoisonEventException;
import io.mdfe.service.common.grpc.ServiceException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Queues the final evaluation of a finished run: its last checkpoint on the test split (merged protocol), searched
 * through the index-service with the backend of {@code mdfe.eval.final.*}. A redelivered TrainingFinished queues
 * nothing new.
 */
@ApplicationScoped
public class FinalEvaluationTrigger {

    private static final Logger LOG = Logger.getLogger(FinalEvaluationTrigger.class);
    private static final Set<String> BACKENDS = Set.of("exact", "annoy", "milvus");

    private final JobQueue queue;
    private final EvaluationRequests requests;
    private final EvalServiceConfig.FinalEvaluation settings;

    FinalEvaluationTrigger(JobQueue queue, EvaluationRequests requests, EvalServiceConfig config) {
        this.queue = queue;
        this.requests = requests;
        this.settings = config.finalEvaluation();
    }

    /**
     * Validates the last checkpoint and queues its test evaluation; what cannot be evaluated goes to the
     * dead-letter topic, naming the run and the reason.
     *
     * @param finished the run's TrainingFinished event
     */
    void onFinished(TrainingFinished finished) {
        if (!finished.hasLastCheckpoint()) {
            LOG.warnf("run %s finished without a checkpoint: nothing to evaluate on test", finished.getRunId());
            return;
        }
        CheckpointSaved last = finished.getLastCheckpoint();
        try {
            String backend = settings.indexBackend();
            if (!BACKENDS.contains(backend)) {
                throw ServiceException.invalidArgument("mdfe.eval.final.index-backend: unknown backend '" + backend
                        + "'; allowed: exact, annoy, milvus");
            }
            String metric;
            try {
                metric = Metric.parse(settings.metric()).id();
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalidArgument("mdfe.eval.final.metric: " + e.getMessage());
            }
            EvaluationRequests.Validated valid = requests.validate(EvaluateRequest.newBuilder()
                    .setBundleUri(last.getBundleUri())
                    .setSplit(Split.SPLIT_TEST)
                    .setProtocol(Protocol.PROTOCOL_MERGED)
                    .setIndexBackend(EvaluationRequests.DEFAULT_BACKEND)
                    .build());
            EvaluationSpec checked = valid.spec();
            EvaluationSpec spec = new EvaluationSpec(checked.bundleDir(), checked.dataRoot(), checked.split(),
                    checked.protocol(), checked.domains(), backend, settings.indexParams(), metric);
            String dataset = last.hasDataset() && !last.getDataset().getDatasetId().isEmpty()
                    ? last.getDataset().getDatasetId() + "@" + last.getDataset().getVersion() : "";
            FinalRun run = new FinalRun(runDir(spec.bundleDir()), finished.getSteps(), finished.getFinalLoss(), dataset);
            queue.submitFinal(spec, valid.model(), finished.getRunId(), run).ifPresentOrElse(
                    job -> LOG.infof("run %s finished: test evaluation %s of %s queued (%s search)",
                            finished.getRunId(), job.id(), valid.model(), backend),
                    () -> LOG.infof("run %s: the test evaluation of %s is already done or queued", finished.getRunId(),
                            valid.model()));
        } catch (ServiceException e) { // a missing or refused bundle, or settings no retry can fix
            throw new PoisonEventException("run " + finished.getRunId() + ": its last checkpoint "
                    + last.getModel().getVersion() + " (" + last.getBundleUri() + ") is not evaluated on test: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The run folder of a checkpoint bundle laid out as {@code <run>/checkpoints/step-N/bundle}; null for a
     * bundle elsewhere, which then gets no run report.
     */
    static Path runDir(Path bundle) {
        Path checkpoints = bundle.getParent() == null ? null : bundle.getParent().getParent();
        return checkpoints != null && checkpoints.getFileName() != null
                && checkpoints.getFileName().toString().equals("checkpoints") ? checkpoints.getParent() : null;
    }
}
