package io.mdfe.trainer.grpc;

import com.google.protobuf.Timestamp;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.trainer.Checkpoint;
import io.mdfe.proto.trainer.DatasetSelector;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.StepProgress;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.trainer.plan.DataSelection;
import io.mdfe.trainer.plan.TrainingRequest;
import io.mdfe.trainer.run.CheckpointRecord;
import io.mdfe.trainer.run.ProgressEvent;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.WorkerEvent;
import java.time.Instant;

/** Conversions between the gRPC messages of {@code mdfe.trainer.v1} and the service's records. */
final class TrainerProtos {

    private TrainerProtos() {
    }

    static TrainingRequest request(StartTrainingRequest request) {
        DataSelection data = null;
        if (request.hasDataset()) {
            DatasetSelector selector = request.getDataset();
            data = switch (selector.getSourceCase()) {
                case ROOT -> DataSelection.directory(selector.getRoot(), selector.getNamesList());
                case REGISTERED -> DataSelection.registered(
                        requireNonEmpty("dataset.registered.dataset_id", selector.getRegistered().getDatasetId()),
                        selector.getRegistered().getVersion(), selector.getNamesList());
                case SOURCE_NOT_SET -> throw ServiceException.invalidArgument("dataset: set root or registered");
            };
        }
        return new TrainingRequest(request.getConfigYaml(), request.getRecipe(), data, request.getOverridesList());
    }

    static String requireNonEmpty(String field, String value) {
        if (value.isEmpty()) {
            throw ServiceException.invalidArgument(field + ": required");
        }
        return value;
    }

    static Run run(RunRecord r) {
        Run.Builder run = Run.newBuilder()
                .setRunId(r.id())
                .setState(state(r.state()))
                .setRecipe(r.spec().recipe())
                .setDataRoot(r.spec().dataRoot())
                .addAllDatasetNames(r.spec().datasetNames())
                .setModelId(r.spec().modelId())
                .setRunDir(r.spec().runDir())
                .setAttempts(r.attempts())
                .setTotalSteps(r.totalSteps())
                .setStep(r.step())
                .setEpoch(r.epoch())
                .setLoss(r.loss())
                .setReason(r.reason())
                .setCreatedAt(timestamp(r.createdAt()))
                .setUpdatedAt(timestamp(r.updatedAt()))
                .setConfigYaml(r.spec().configYaml());
        if (!r.spec().datasetId().isEmpty()) {
            run.setDataset(DatasetRef.newBuilder().setDatasetId(r.spec().datasetId())
                    .setVersion(r.spec().datasetVersion()));
        }
        r.checkpoints().forEach(c -> run.addCheckpoints(checkpoint(r, c)));
        return run.build();
    }

    static ProgressUpdate progress(ProgressEvent event) {
        RunRecord r = event.run();
        ProgressUpdate.Builder update = ProgressUpdate.newBuilder()
                .setRunId(r.id())
                .setState(state(r.state()))
                .setAttempt(r.attempts())
                .setReason(r.reason());
        WorkerEvent.Step s = event.lastStep();
        if (s != null) {
            update.setStep(StepProgress.newBuilder().setStep(s.step()).setTotalSteps(s.totalSteps())
                    .setEpoch(s.epoch()).setLoss(s.loss()).setLr(s.lr()).setImagesPerSecond(s.imagesPerSecond()));
        }
        if (event.checkpoint() != null) {
            update.setCheckpoint(checkpoint(r, event.checkpoint()));
        }
        return update.build();
    }

    static RunState state(io.mdfe.trainer.run.RunState state) {
        return switch (state) {
            case QUEUED -> RunState.RUN_STATE_QUEUED;
            case RUNNING -> RunState.RUN_STATE_RUNNING;
            case SUCCEEDED -> RunState.RUN_STATE_SUCCEEDED;
            case FAILED -> RunState.RUN_STATE_FAILED;
            case CANCELLED -> RunState.RUN_STATE_CANCELLED;
        };
    }

    private static Checkpoint checkpoint(RunRecord run, CheckpointRecord c) {
        return Checkpoint.newBuilder()
                .setStep(c.step())
                .setEpoch(c.epoch())
                .setBundleUri(c.bundleUri())
                .setModel(ModelRef.newBuilder().setModelId(run.spec().modelId()).setVersion(c.modelVersion()))
                .setEmbeddingDim(c.embeddingDim())
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
