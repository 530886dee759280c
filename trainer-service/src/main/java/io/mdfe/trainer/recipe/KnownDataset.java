package io.mdfe.trainer.recipe;

import java.util.List;

/**
 * The current version of a dataset as the data-service last announced it.
 *
 * @param id the dataset id
 * @param version the current version (fingerprint of its annotations)
 * @param root the canonical dataset directory
 * @param names its annotation sets, usable as DATASET.names
 */
public record KnownDataset(String id, String version, String root, List<String> names) {

    /** Copies the list so the record stays immutable. */
    public KnownDataset {
        names = List.copyOf(names);
    }
}
