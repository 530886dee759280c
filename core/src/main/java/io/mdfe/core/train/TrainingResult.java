package io.mdfe.core.train;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a run.
 *
 * @param run the run folder
 * @param steps completed optimizer steps
 * @param lastCheckpoint the final checkpoint
 * @param finalLoss the loss of the last step
 * @param evaluations metrics per evaluated checkpoint, in order
 * @param skippedImages images that could not be decoded (counted per epoch pass)
 */
public record TrainingResult(RunDirectory run, long steps, CheckpointInfo lastCheckpoint, double finalLoss,
                             List<Map<String, Double>> evaluations, int skippedImages) {
}
