package io.mdfe.core.data.dataset;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One training image and its class.
 *
 * @param image        the image file on disk
 * @param relativePath the image's path relative to the data root, '/'-separated, as annotated
 *                     (a stable id for the sample across machines)
 * @param label        the dense class label: 0..C-1 within its source, or offset within a
 *                     {@link TrainingSet}
 */
public record TrainingSample(Path image, String relativePath, int label) {

    /** Checks the components: both paths present, label not negative. */
    public TrainingSample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(relativePath, "relativePath");
        if (label < 0) {
            throw new IllegalArgumentException(relativePath + ": label must be >= 0, got " + label);
        }
    }

    /** {@return this sample with its label shifted by {@code offset}} */
    public TrainingSample withLabelOffset(int offset) {
        return offset == 0 ? this : new TrainingSample(image, relativePath, label + offset);
    }
}
