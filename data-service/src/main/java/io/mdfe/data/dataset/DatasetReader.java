package io.mdfe.data.dataset;

import io.mdfe.core.data.dataset.DatasetException;
import io.mdfe.core.data.dataset.DatasetFormat;
import io.mdfe.core.data.dataset.TrainingSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedTrainSource;
import java.io.UncheckedIOException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

/**
 * The data-service's only door to the dataset readers of {@code mdfe-core}: everything else in the
 * service uses the types of this package. Maps the readers' exceptions to {@link DatasetReadException}
 * (missing vs malformed), so the gRPC layer can answer NOT_FOUND or FAILED_PRECONDITION.
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
        try {
            return DatasetFormat.detect(root) == DatasetFormat.CSV ? DatasetLayout.CSV : DatasetLayout.UNED;
        } catch (DatasetException e) {
            throw translate(e);
        }
    }

    /**
     * Tells whether a directory holds a dataset in the given layout (it may hold both).
     *
     * @param root the dataset directory
     * @param layout the layout asked for
     * @return true when annotation files of that layout are there
     */
    public boolean holds(Path root, DatasetLayout layout) {
        return layout == DatasetLayout.CSV ? DatasetFormat.hasCsvAnnotations(root) : UnedDataset.isUnedRoot(root);
    }

    /**
     * Reads the training samples of the given sets, labels offset set by set.
     *
     * @param root the dataset directory
     * @param layout how the directory is laid out
     * @param names CSV set names or UnED domains, in label-offset order; empty for UnED means all domains
     * @return samples, class count, fingerprint and class distribution
     * @throws DatasetReadException when an annotation file is missing or malformed
     */
    public LoadedDataset open(Path root, DatasetLayout layout, List<String> names) throws DatasetReadException {
        List<String> sets = layout == DatasetLayout.CSV ? names
                : names.isEmpty() ? List.of(TrainingSet.UNED)
                : names.stream().map(domain -> UnedTrainSource.NAME_PREFIX + domain).toList();
        try {
            TrainingSet set = TrainingSet.open(root, sets);
            List<DatasetSample> samples = set.samples().stream()
                    .map(s -> new DatasetSample(s.image(), s.label())).toList();
            return new LoadedDataset(samples, set.numClasses(), set.fingerprint(), set.classCounts());
        } catch (DatasetException e) {
            throw translate(e);
        } catch (UncheckedIOException e) {
            throw new DatasetReadException(DatasetReadException.Problem.MALFORMED, e.getMessage(), e);
        }
    }

    private static DatasetReadException translate(DatasetException e) {
        DatasetReadException.Problem problem = e.kind() == DatasetException.Kind.MISSING
                ? DatasetReadException.Problem.MISSING : DatasetReadException.Problem.MALFORMED;
        return new DatasetReadException(problem, e.getMessage(), e);
    }
}
