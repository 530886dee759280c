package io.mdfe.data.catalog;

import java.util.List;

/**
 * The samples of one dataset version, frozen at registration so that paging and streaming a version stay
 * stable after the directory changes. Persisted as {@code versions/<dataset>/<version>.json}.
 *
 * @param paths image paths relative to the dataset root, '/'-separated, in manifest order
 * @param labels the label of each path
 * @param classCounts samples per label, indexed by label
 */
public record FrozenManifest(List<String> paths, int[] labels, long[] classCounts) {

    /** Checks that paths and labels pair up, and copies them so the record stays immutable. */
    public FrozenManifest {
        if (paths.size() != labels.length) {
            throw new IllegalArgumentException(paths.size() + " paths but " + labels.length + " labels");
        }
        paths = List.copyOf(paths);
        labels = labels.clone();
        classCounts = classCounts.clone();
    }

    /**
     * Number of samples.
     *
     * @return the manifest length
     */
    public int size() {
        return paths.size();
    }

    /**
     * The label at a position (no copy of the array).
     *
     * @param index manifest position
     * @return its label
     */
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public long[] classCounts() {
        return classCounts.clone();
    }
}
