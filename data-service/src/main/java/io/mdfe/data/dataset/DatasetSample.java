package io.mdfe.data.dataset;

import java.nio.file.Path;

/**
 * One training sample as a reader found it.
 *
 * @param image the image file, resolved against the dataset root (not checked to exist)
 * @param label training label in {@code 0..numClasses-1}, offsets of earlier sets applied
 */
public record DatasetSample(Path image, int label) {
}
