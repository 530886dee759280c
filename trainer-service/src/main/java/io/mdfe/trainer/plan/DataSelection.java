package io.mdfe.trainer.plan;

import java.util.List;

/**
 * Which data a run trains on: a directory, or a dataset the data-service announced.
 *
 * @param root a data directory; empty when a dataset id is given
 * @param datasetId an announced dataset; empty when a root is given
 * @param version the dataset version asked for; empty means its current one
 * @param names DATASET.names; empty means the dataset's names (or the config's, for a directory)
 */
public record DataSelection(String root, String datasetId, String version, List<String> names) {

    /** Copies the list so the selection stays immutable. */
    public DataSelection {
        names = List.copyOf(names);
    }

    /**
     * @param root a data directory
     * @param names DATASET.names, may be empty
     * @return the selection
     */
    public static DataSelection directory(String root, List<String> names) {
        return new DataSelection(root, "", "", names);
    }

    /**
     * @param datasetId an announced dataset
     * @param version its version, empty for the current one
     * @param names DATASET.names, may be empty
     * @return the selection
     */
    public static DataSelection registered(String datasetId, String version, List<String> names) {
        return new DataSelection("", datasetId, version, names);
    }
}
