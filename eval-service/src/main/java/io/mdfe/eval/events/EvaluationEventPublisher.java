package io.mdfe.eval.events;

import com.google.protobuf.Timestamp;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.DomainMetrics;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.service.common.ServiceIdentityConfig;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Announces every successful evaluation through the service's outbox on the {@value #CHANNEL} channel as an
 * {@link EvaluationCompleted} keyed (and CloudEvents-subjected) by model id, so one model's evaluations stay in order. The topic is configured, not named here.
 */
@ApplicationScoped
public class EvaluationEventPublisher {

    /** The outgoing channel; {@code mp.messaging.outgoing.evaluation-events.*} maps it to a topic. */
    public static final String CHANNEL = "evaluation-events";

    private final Outbox outbox;
    private final String source;
    private final Clock clock = Clock.systemUTC();

    EvaluationEventPublisher(Outbox outbox, ServiceIdentityConfig identity) {
        this.outbox = outbox;
        this.source = identity.name();
    }

    /**
     * Writes a succeeded job's metrics to the outbox, from which the relay publishes them.
     *
     * @param job a SUCCEEDED job
     * @param report the run report of a final evaluation, or null
     * @throws java.io.UncheckedIOException when the outbox cannot be written
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
                .setTrigger(job.trigger().eventName());
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
        outbox.append(OutboxEntry.of(event, source, job.model().modelId(), now));
    }
}
