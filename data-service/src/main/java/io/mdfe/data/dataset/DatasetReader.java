package io.mdfe.data.dataset;

import io.mdfe.data.dataset.interim.InterimTrainingSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

/**
 * The data-service's only door to the dataset readers. Everything else in the service uses the types of
 * this package, never the readers themselves.
 *
 * <p><b>Switch on merge of the core dataset readers</b> ({@code io.mdfe.core.data.dataset}): replace the two
 * method bodies with {@code DatasetFormat.detect(root)} (mapped to {@link DatasetLayout}) and
 * {@code TrainingSet.open(root, names)} (samples, numClasses, fingerprint, classCounts mapped to
 * {@link LoadedDataset}; {@code TrainingSample.image()} and {@code label()} to {@link DatasetSample}),
 * translate their exceptions to {@link DatasetReadException} here, and delete the {@code interim} package.
 * The tests in {@code io.mdfe.data} must then pass unchanged.
 */
@ApplicationScoped
public class DatasetReader {

    /**
     * Tells how a dataset directory is laid out.
     *
     * @param root the dataset directory
     * @return its layout
     * @throws DatasetReadException when the root is missing or in neither layout
     */
    public DatasetLayout detect(Path root) throws DatasetReadException {
        return InterimTrainingSet.detect(root);
    }

    /**
     * Reads the training samples of the given sets, labels offset set by set.
     *
     * @param root the dataset directory
     * @param names CSV set names or UnED domains, in label-offset order; empty for UnED means all domains
     * @return samples, class count, fingerprint and class distribution
     * @throws DatasetReadException when an annotation file is missing or malformed
     */
    public LoadedDataset open(Path root, List<String> names) throws DatasetReadException {
        return InterimTrainingSet.open(root, names);
    }
}
