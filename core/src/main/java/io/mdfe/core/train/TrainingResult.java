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
 * @param startStep the step this invocation started from (0, or the resumed checkpoint's)
 */
public record TrainingResult(RunDirectory run, long steps, CheckpointInfo lastCheckpoint, double finalLoss,
                             List<Map<String, Double>> evaluations, int skippedImages, long startStep) {

    /** True when a resumed run had already reached the end of its plan, so nothing was trained. */
    public boolean alreadyFinished() {
        return startStep > 0 && steps == startStep;
    }
}
