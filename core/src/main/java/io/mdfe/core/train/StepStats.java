package io.mdfe.core.train;

/**
 * What one optimizer step did, for progress bars, logs and events.
 *
 * @param step completed steps after this one (1-based)
 * @param totalSteps steps in the run
 * @param epoch the epoch of the step, 1-based (the first epoch is 1, as in TRAIN.save_epoch)
 * @param loss the batch's mean cross-entropy
 * @param lr the learning rate the step used
 * @param imagesPerSecond training throughput, averaged since the run (or resume) started
 */
public record StepStats(long step, long totalSteps, int epoch, double loss, double lr, double imagesPerSecond) {
}
