package io.mdfe.eval.events;

import io.mdfe.eval.grpc.EvaluationRequests;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import io.mdfe.service.common.grpc.ServiceException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Queues upstream's per-checkpoint evaluation for every {@link CheckpointSaved} on the {@value #CHANNEL}
 * channel: the val split, merged protocol, exact search, euclidean distance, on the configured UnED root.
 * A checkpoint already evaluated, queued or running (a redelivered event) is not queued again. A
 * TrainingFinished goes to the {@link FinalEvaluationTrigger}; other training events are ignored.
 */
@ApplicationScoped
public class CheckpointListener {

    /** The incoming channel; {@code mp.messaging.incoming.training-events.*} maps it to a topic. */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final JobQueue queue;
    private final EvaluationRequests requests;
    private final FinalEvaluationTrigger finals;

    CheckpointListener(JobQueue queue, EvaluationRequests requests, FinalEvaluationTrigger finals) {
        this.queue = queue;
        this.requests = requests;
        this.finals = finals;
    }

    /**
     * Validates the checkpoint's bundle and queues its evaluation. An event that cannot be evaluated is
     * logged and skipped, so one bad checkpoint does not stop the channel.
     *
     * @param event any training event
     */
    @Incoming(CHANNEL)
    @Blocking
    public void onTrainingEvent(TrainingEvent event) {
        if (event.getKindCase() == TrainingEvent.KindCase.FINISHED) {
            finals.onFinished(event.getFinished());
            return;
        }
        if (event.getKindCase() != TrainingEvent.KindCase.CHECKPOINT_SAVED) {
            return;
        }
        CheckpointSaved checkpoint = event.getCheckpointSaved();
        try {
            EvaluationRequests.Validated valid = requests.validate(EvaluateRequest.newBuilder()
                    .setBundleUri(checkpoint.getBundleUri())
                    .setSplit(Split.SPLIT_VAL)
                    .setProtocol(Protocol.PROTOCOL_MERGED)
                    .setIndexBackend(EvaluationRequests.DEFAULT_BACKEND)
                    .build());
            queue.submitCheckpoint(valid.spec(), valid.model(), checkpoint.getRunId()).ifPresentOrElse(
                    job -> LOG.infof("checkpoint %s of run %s: evaluation %s queued", valid.model(),
                            checkpoint.getRunId(), job.id()),
                    () -> LOG.infof("checkpoint %s of run %s: already evaluated or queued", valid.model(),
                            checkpoint.getRunId()));
        } catch (ServiceException e) { // a refused bundle or a full queue
            LOG.errorf("checkpoint %s of run %s (%s) not evaluated: %s", checkpoint.getModel().getVersion(),
                    checkpoint.getRunId(), checkpoint.getBundleUri(), e.getMessage());
        }
    }
}
