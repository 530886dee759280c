package io.mdfe.eval.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobState;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.DomainMetrics;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.service.common.ServiceIdentityConfig;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.StagedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
     * Stages a succeeded job's metrics in the outbox, just before the job's SUCCEEDED state is saved; the job queue
     * commits it with that save, and the relay publishes it. After a crash in between, {@link #saved} decides.
     *
     * @param job a SUCCEEDED job, not saved yet
     * @param report the run report of a final evaluation, or null
     * @return the staged event
     * @throws java.io.UncheckedIOException when the outbox cannot be written (the job must not be saved then)
     */
    public StagedEvent stage(EvaluationJob job, Path report) {
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
        Instant now = job.finished() != null ? job.finished() : clock.instant();
        EvaluationEvent event = EvaluationEvent.newBuilder()
                .setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setCompleted(completed)
                .build();
        return outbox.stage(OutboxEntry.of(event, source, job.model().modelId(), now));
    }

    /**
     * Whether the job a staged event announces was saved as SUCCEEDED. Decides, after a crash, whether the event
     * is published or dropped (the job is then queued again or stays as it was saved).
     *
     * @param entry a staged outbox entry
     * @param jobs the jobs as loaded from disk
     * @return true when the job's success was saved
     */
    public static boolean saved(OutboxEntry entry, List<EvaluationJob> jobs) {
        String id;
        try {
            id = EvaluationEvent.parseFrom(entry.payload()).getCompleted().getEvaluationId();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        return jobs.stream().anyMatch(j -> j.id().equals(id) && j.state() == JobState.SUCCEEDED);
    }
}
