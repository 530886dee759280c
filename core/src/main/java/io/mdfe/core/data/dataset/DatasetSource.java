package io.mdfe.core.data.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * One annotated training set with its own label space (0..C-1). A {@link TrainingSet} combines
 * several of them; a {@link CsvDataset} and each UnED domain's train split are sources.
 */
public interface DatasetSource {

    /** {@return the source's name, unique within a training set: e.g. {@code m4d-35k}, {@code uned:cars}} */
    String name();

    /** {@return the samples in annotation order, labels local to this source (0..numClasses()-1)} */
    List<TrainingSample> samples();

    /** {@return the number of classes C; every label 0..C-1 has at least one sample} */
    int numClasses();

    /**
     * {@return the dataset version: lower-case hex SHA-256 over the bytes of the annotation files,
     * in {@link #annotationFiles()} order (for one file, what {@code sha256sum} prints)}
     */
    String fingerprint();

    /** {@return the files the samples were read from} */
    List<Path> annotationFiles();
}
