package io.mdfe.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code progress.json} of a checkpoint: where the run was and what it was trained on, so that a
 * resume continues exactly and refuses other data.
 *
 * @param step completed optimizer steps
 * @param epoch the epoch of the last completed step, 1-based (as in TRAIN.save_epoch)
 * @param datasetFingerprint the training set's version
 * @param numClasses classes of the training set
 * @param seed the run's SEED
 */
public record CheckpointState(
        @JsonProperty(value = "step", required = true) long step,
        @JsonProperty(value = "epoch", required = true) int epoch,
        @JsonProperty(value = "dataset_fingerprint", required = true) String datasetFingerprint,
        @JsonProperty(value = "num_classes", required = true) int numClasses,
        @JsonProperty(value = "seed", required = true) int seed) {
}
