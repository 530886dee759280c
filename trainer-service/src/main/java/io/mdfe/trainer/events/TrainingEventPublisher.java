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
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.RunEventSink;
import io.mdfe.trainer.run.RunRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock = Clock.systemUTC();

    TrainingEventPublisher(Outbox outbox, ServiceIdentityConfig identity) {
        this.outbox = outbox;
        this.source = identity.name();
    }

    @Override
    public void started(RunRecord run, long startStep) {
        send(run, TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder()
                .setRunId(run.id())
                .setRecipe(run.spec().recipe())
                .setDataset(dataset(run))
                .setTotalSteps(run.totalSteps())
                .setStartStep(startStep)));
    }

    @Override
    public void checkpointSaved(RunRecord run, CheckpointRecord checkpoint) {
        send(run, TrainingEvent.newBuilder().setCheckpointSaved(checkpointSavedOf(run, checkpoint)));
    }

    @Override
    public void finished(RunRecord run) {
        TrainingFinished.Builder finished = TrainingFinished.newBuilder()
                .setRunId(run.id())
                .setSteps(run.step())
                .setFinalLoss(run.loss());
        run.lastCheckpoint().ifPresent(c -> finished.setLastCheckpoint(checkpointSavedOf(run, c)));
        send(run, TrainingEvent.newBuilder().setFinished(finished));
    }

    @Override
    public void failed(RunRecord run) {
        send(run, TrainingEvent.newBuilder().setFailed(TrainingFailed.newBuilder()
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
     * Appends the event to the outbox, from which the relay publishes it (in order, retrying while Kafka is
     * away). A run does not fail because its event cannot be written: that is logged as an error, and the run
     * registry stays the record of the run.
     */
    private void send(RunRecord run, TrainingEvent.Builder event) {
        Instant now = clock.instant();
        event.setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        try {
            outbox.append(OutboxEntry.of(event.build(), source, run.id(), now));
        } catch (UncheckedIOException e) {
            LOG.errorf(e, "the %s event of %s cannot be written to the outbox", event.getKindCase(), run.id());
        }
    }
}
