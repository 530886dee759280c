package io.mdfe.trainer.events;

import com.google.protobuf.Timestamp;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFailed;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.trainer.TrainerServiceConfig;
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.RunEventSink;
import io.mdfe.trainer.run.RunRecord;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Publishes run milestones on the {@value #CHANNEL} channel as {@link TrainingEvent}s keyed by run id, so one
 * run's events stay in order. The topic is configured, not named here. A cancelled run is announced as
 * TrainingFailed with its reason, so consumers learn that it ended.
 */
@ApplicationScoped
public class TrainingEventPublisher implements RunEventSink {

    /** The outgoing channel; {@code mp.messaging.outgoing.training-events.*} maps it to a topic. */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(TrainingEventPublisher.class);

    private final Emitter<Record<String, TrainingEvent>> emitter;
    private final TrainerServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    TrainingEventPublisher(@Channel(CHANNEL) Emitter<Record<String, TrainingEvent>> emitter,
                           TrainerServiceConfig config) {
        this.emitter = emitter;
        this.config = config;
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
     * Sends and waits for the broker's acknowledgement, so events leave in order. A run does not fail because
     * Kafka is away: a lost event is logged as an error, and the run registry stays the record of the run.
     */
    private void send(RunRecord run, TrainingEvent.Builder event) {
        Instant now = clock.instant();
        event.setTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
        try {
            emitter.send(Record.of(run.id(), event.build())).toCompletableFuture()
                    .get(config.eventAckTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("interrupted while publishing the %s event of %s", event.getKindCase(), run.id());
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf(e, "the %s event of %s was not acknowledged by Kafka", event.getKindCase(), run.id());
        }
    }
}
