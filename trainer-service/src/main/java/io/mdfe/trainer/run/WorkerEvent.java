package io.mdfe.trainer.run;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a worker reports about its run, in order: {@link Started}, then {@link Step}s and {@link Checkpoint}s,
 * then {@link Finished} or {@link Failed}. A worker that ends without either of the last two crashed. The JSON
 * form (one object per line, {@code "type"} naming the kind) is the worker protocol.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = WorkerEvent.Started.class, name = "started"),
    @JsonSubTypes.Type(value = WorkerEvent.Step.class, name = "step"),
    @JsonSubTypes.Type(value = WorkerEvent.Checkpoint.class, name = "checkpoint"),
    @JsonSubTypes.Type(value = WorkerEvent.Finished.class, name = "finished"),
    @JsonSubTypes.Type(value = WorkerEvent.Failed.class, name = "failed")})
public sealed interface WorkerEvent {

    /**
     * Training starts (or resumes).
     *
     * @param totalSteps steps in the run
     * @param startStep the step it starts from: 0, or the checkpoint it resumes
     */
    record Started(long totalSteps, long startStep) implements WorkerEvent {
    }

    /**
     * One optimizer step completed.
     *
     * @param step completed steps
     * @param totalSteps steps in the run
     * @param epoch epoch, 1-based
     * @param loss the batch loss
     * @param lr the learning rate the step used
     * @param imagesPerSecond throughput since this worker started
     */
    record Step(long step, long totalSteps, int epoch, double loss, double lr, double imagesPerSecond)
            implements WorkerEvent {
    }

    /**
     * A checkpoint was written.
     *
     * @param step completed steps
     * @param epoch epoch of the last step, 1-based
     * @param bundle absolute path of the inference bundle
     * @param embeddingDim width of its embeddings
     */
    record Checkpoint(long step, int epoch, String bundle, int embeddingDim) implements WorkerEvent {
    }

    /**
     * All steps trained.
     *
     * @param steps completed steps
     * @param finalLoss the loss of the last step
     */
    record Finished(long steps, double finalLoss) implements WorkerEvent {
    }

    /**
     * Training stopped on an error that another attempt would meet again (bad config, unreadable data,
     * non-finite loss): the run fails without a restart.
     *
     * @param reason the error
     */
    record Failed(String reason) implements WorkerEvent {
    }
}
