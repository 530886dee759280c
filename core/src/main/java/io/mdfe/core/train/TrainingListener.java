package io.mdfe.core.train;

import io.mdfe.core.train.schedule.TrainingPlan;
import java.util.Map;

/**
 * Observes a training run: the CLI draws a progress bar from it, the trainer-service turns it into
 * gRPC progress and Kafka events. Called on the training thread; implementations must be quick.
 */
public interface TrainingListener {

    /** The run starts (or resumes) at {@code startStep} of {@code plan.totalIterations()}. */
    default void onStart(TrainingPlan plan, long startStep) {
    }

    /** One optimizer step completed. */
    default void onStep(StepStats stats) {
    }

    /** A checkpoint was written. */
    default void onCheckpoint(CheckpointInfo checkpoint) {
    }

    /** A checkpoint was evaluated. */
    default void onEvaluation(CheckpointInfo checkpoint, Map<String, Double> metrics) {
    }

    /** The run finished all its steps. */
    default void onFinish(CheckpointInfo last) {
    }
}
