package io.mdfe.data.dataset;

import java.util.List;

/**
 * What the readers found in a dataset directory for a list of set names.
 *
 * @param samples every sample, in the readers' order (set by set, file order within a set)
 * @param numClasses number of distinct labels
 * @param fingerprint sha256 of the annotation files' bytes: the dataset version
 * @param classCounts samples per label, indexed by label
 */
public record LoadedDataset(List<DatasetSample> samples, int numClasses, String fingerprint, long[] classCounts) {

    /** Copies the sample list so the record stays immutable. */
    public LoadedDataset {
        samples = List.copyOf(samples);
        classCounts = classCounts.clone();
    }

    @Override
    public long[] classCounts() {
        return classCounts.clone();
    }
}
