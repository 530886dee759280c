package io.mdfe.core.data.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * A training set read from one annotation file (an M4D-style CSV, a UnED train split): its samples,
 * class count and the file's fingerprint, fixed when read.
 */
public abstract class AnnotationFileSource implements DatasetSource {

    private final String name;
    private final Path file;
    private final List<TrainingSample> samples;
    private final int numClasses;
    private final String fingerprint;

    /**
     * @param name the DATASET.names entry it answers to
     * @param file the annotation file
     * @param samples its samples, labels 0..numClasses-1
     * @param numClasses classes of the set
     * @param fingerprint sha256 of the file's bytes
     */
    protected AnnotationFileSource(String name, Path file, List<TrainingSample> samples, int numClasses,
                                   String fingerprint) {
        this.name = name;
        this.file = file;
        this.samples = List.copyOf(samples);
        this.numClasses = numClasses;
        this.fingerprint = fingerprint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<TrainingSample> samples() {
        return samples;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public List<Path> annotationFiles() {
        return List.of(file);
    }
}
