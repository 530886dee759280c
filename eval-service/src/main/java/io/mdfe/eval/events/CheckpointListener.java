package io.mdfe.eval.events;

import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.grpc.EvaluationRequests;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.service.common.events.EventsConfig;
import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.service.common.events.consume.PoisonEventException;
import io.mdfe.service.common.grpc.ServiceException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Queues upstream's per-checkpoint evaluation for every {@link CheckpointSaved} on the {@value #CHANNEL}
 * channel: the val split, exact search, on the configured UnED root, with the protocol and distance of the
 * run's {@code TRAIN.eval_protocol} and {@code TRAIN.eval_metric} (upstream: merged, euclidean).
 * A TrainingFinished goes to the {@link FinalEvaluationTrigger}; other training events are ignored. An event
 * applied before (same {@code ce_id}) is skipped, and a checkpoint already evaluated, queued or running is not
 * queued again.
 */
@ApplicationScoped
public class CheckpointListener {

    /** The incoming channel; {@code mp.messaging.incoming.training-events.*} maps it to a topic. */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final JobQueue queue;
    private final EvaluationRequests requests;
    private final FinalEvaluationTrigger finals;
    private final IdempotentHandler handler;

    CheckpointListener(JobQueue queue, EvaluationRequests requests, FinalEvaluationTrigger finals,
                       EvalServiceConfig config, EventsConfig events, MeterRegistry registry) {
        this.queue = queue;
        this.requests = requests;
        this.finals = finals;
        this.handler = IdempotentHandler.open(CHANNEL, config.stateDir(), events, registry);
    }

    /**
     * Validates the checkpoint's bundle and queues its evaluation (val for a CheckpointSaved, test for a
     * TrainingFinished), once per event id. A checkpoint whose bundle is refused (missing, unreadable) goes to
     * the dead-letter topic; a full queue is retried with backoff.
     *
     * @param event any training event
     * @param cloudEvent its CloudEvents attributes, null for a record without them (then it is not deduplicated)
     */
    @Incoming(CHANNEL)
    @Blocking
    public void onTrainingEvent(TrainingEvent event, IncomingCloudEventMetadata<?> cloudEvent) {
        String id = cloudEvent == null ? null : cloudEvent.getId();
        switch (event.getKindCase()) {
            case CHECKPOINT_SAVED -> handler.apply(id, "CheckpointSaved of run " + event.getCheckpointSaved().getRunId(),
                    () -> queueEvaluation(event.getCheckpointSaved()));
            case FINISHED -> handler.apply(id, "TrainingFinished of run " + event.getFinished().getRunId(),
                    () -> finals.onFinished(event.getFinished()));
            default -> { }
        }
    }

    private void queueEvaluation(CheckpointSaved checkpoint) {
        EvaluationRequests.Validated valid;
        try {
            valid = requests.validate(requests.checkpointRequest(checkpoint.getBundleUri()));
        } catch (ServiceException e) { // a missing or refused bundle: no retry can help
            throw new PoisonEventException("checkpoint " + checkpoint.getModel().getVersion() + " of run "
                    + checkpoint.getRunId() + ": bundle " + checkpoint.getBundleUri() + " refused: " + e.getMessage(),
                    e);
        }
        // a full queue (QueueFullException) is transient: thrown on, retried with backoff
        queue.submitCheckpoint(valid.spec(), valid.model(), checkpoint.getRunId()).ifPresentOrElse(
                job -> LOG.infof("checkpoint %s of run %s: evaluation %s queued", valid.model(),
                        checkpoint.getRunId(), job.id()),
                () -> LOG.infof("checkpoint %s of run %s: already evaluated or queued", valid.model(),
                        checkpoint.getRunId()));
    }

    @PreDestroy
    void close() {
        handler.close();
    }
}
