package io.mdfe.eval.events;

import com.google.protobuf.Timestamp;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.DomainMetrics;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Announces every successful evaluation on the {@value #CHANNEL} channel as an {@link EvaluationCompleted}
 * keyed by model id, so one model's evaluations stay in order. The topic is configured, not named here.
 */
@ApplicationScoped
public class EvaluationEventPublisher {

    /** The outgoing channel; {@code mp.messaging.outgoing.evaluation-events.*} maps it to a topic. */
    public static final String CHANNEL = "evaluation-events";

    private final Emitter<Record<String, EvaluationEvent>> emitter;
    private final EvalServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    EvaluationEventPublisher(@Channel(CHANNEL) Emitter<Record<String, EvaluationEvent>> emitter,
                             EvalServiceConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Publishes a succeeded job's metrics and waits for the broker's acknowledgement; blocks, so call it
     * from a worker thread.
     *
     * @param job a SUCCEEDED job
     * @param report the run report of a final evaluation, or null
     * @throws EventPublishException when the broker does not acknowledge in time
     */
    public void publish(EvaluationJob job, Path report) {
        EvaluationCompleted.Builder completed = EvaluationCompleted.newBuilder()
                .setEvaluationId(job.id())
                .setModel(ModelRef.newBuilder().setModelId(job.model().modelId()).setVersion(job.model().version()))
                .setBundleUri(job.spec().bundleDir().toUri().toString())
                .setSplit(job.spec().split().name().toLowerCase(Locale.ROOT))
                .setProtocol(job.spec().protocol().name().toLowerCase(Locale.ROOT))
                .putAllMean(job.table().mean())
                .setIndexBackend(job.spec().indexBackend())
                .setTrigger(switch (job.trigger()) {
                    case API -> "request";
                    case CHECKPOINT -> "checkpoint";
                    case FINAL -> "final";
                });
        if (job.recallAt1() != null) {
            completed.setRecallAt1(job.recallAt1());
        }
        if (job.runId() != null) {
            completed.setRunId(job.runId());
        }
        if (report != null) {
            completed.setReportUri(report.toUri().toString());
        }
        for (DomainResult row : job.table().domains()) {
            completed.addDomains(DomainMetrics.newBuilder().setDomain(row.domain()).putAllMetrics(row.metrics())
                    .setQueries(row.queries()).setIndexItems(row.indexItems()));
        }
        Instant now = clock.instant();
        EvaluationEvent event = EvaluationEvent.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setCompleted(completed)
                .build();
        try {
            emitter.send(Record.of(job.model().modelId(), event)).toCompletableFuture()
                    .get(config.eventAckTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException(job.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublishException(job.id(), e);
        }
    }
}
