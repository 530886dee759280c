package io.mdfe.trainer.events;

import com.google.protobuf.Timestamp;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFailed;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.service.common.ServiceIdentityConfig;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.StagedEvent;
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.RunEventSink;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Publishes run milestones through the service's outbox on the {@value #CHANNEL} channel as {@link TrainingEvent}s
 * keyed (and CloudEvents-subjected) by run id, so one run's events stay in order. The topic is configured, not named here. A cancelled run is announced as
 * TrainingFailed with its reason, so consumers learn that it ended.
 */
@ApplicationScoped
public class TrainingEventPublisher implements RunEventSink {

    /** The outgoing channel; {@code mp.messaging.outgoing.training-events.*} maps it to a topic. */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(TrainingEventPublisher.class);

    private final Outbox outbox;
    private final String source;

    TrainingEventPublisher(Outbox outbox, ServiceIdentityConfig identity) {
        this.outbox = outbox;
        this.source = identity.name();
    }

    @Override
    public StagedEvent started(RunRecord run, long startStep) {
        return stage(run, TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder()
                .setRunId(run.id())
                .setRecipe(run.spec().recipe())
                .setDataset(dataset(run))
                .setTotalSteps(run.totalSteps())
                .setStartStep(startStep)));
    }

    @Override
    public StagedEvent checkpointSaved(RunRecord run, CheckpointRecord checkpoint) {
        return stage(run, TrainingEvent.newBuilder().setCheckpointSaved(checkpointSavedOf(run, checkpoint)));
    }

    @Override
    public StagedEvent finished(RunRecord run) {
        TrainingFinished.Builder finished = TrainingFinished.newBuilder()
                .setRunId(run.id())
                .setSteps(run.step())
                .setFinalLoss(run.loss());
        run.lastCheckpoint().ifPresent(c -> finished.setLastCheckpoint(checkpointSavedOf(run, c)));
        return stage(run, TrainingEvent.newBuilder().setFinished(finished));
    }

    @Override
    public StagedEvent failed(RunRecord run) {
        return stage(run, TrainingEvent.newBuilder().setFailed(TrainingFailed.newBuilder()
                .setRunId(run.id())
                .setStep(run.step())
                .setReason(run.state() + ": " + run.reason())));
    }

    private static CheckpointSaved checkpointSavedOf(RunRecord run, CheckpointRecord checkpoint) {
        return CheckpointSaved.newBuilder()
                .setRunId(run.id())
                .setModel(ModelRef.newBuilder().setModelId(run.spec().modelId()).setVersion(checkpoint.modelVersion()))
                .setBundleUri(checkpoint.bundleUri())
                .setStep(checkpoint.step())
                .setEpoch(checkpoint.epoch())
                .setEmbeddingDim(checkpoint.embeddingDim())
                .setDataset(dataset(run))
                .build();
    }

    private static DatasetRef dataset(RunRecord run) {
        return DatasetRef.newBuilder().setDatasetId(run.spec().datasetId()).setVersion(run.spec().datasetVersion())
                .build();
    }

    /**
     * Stages the event in the outbox; the run manager commits it with the registry save of the change, and the
     * relay publishes it (in order, retrying while Kafka is away). Its time is the record's {@code updatedAt}, which
     * {@link #saved} compares after a crash. A run does not fail because its event cannot be written: that is
     * logged as an error, and the run registry stays the record of the run.
     */
    private StagedEvent stage(RunRecord run, TrainingEvent.Builder event) {
        Instant time = run.updatedAt();
        event.setTimestamp(Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()));
        try {
            return outbox.stage(OutboxEntry.of(event.build(), source, run.id(), time));
        } catch (UncheckedIOException e) {
            LOG.errorf(e, "the %s event of %s cannot be written to the outbox", event.getKindCase(), run.id());
            return StagedEvent.none();
        }
    }

    /**
     * Whether the change a staged event announces was saved: the run's record is at least as new as the event (both
     * carry the change's time). Decides, after a crash, whether a staged event is published or dropped.
     *
     * @param entry a staged outbox entry (subject: the run id)
     * @param runs the runs as loaded from disk
     * @return true when the registry holds the change
     */
    public static boolean saved(OutboxEntry entry, RunRegistry runs) {
        Instant event = entry.time().truncatedTo(ChronoUnit.MILLIS);
        return runs.find(entry.subject()).map(r -> !r.updatedAt().truncatedTo(ChronoUnit.MILLIS).isBefore(event))
                .orElse(false);
    }
}
