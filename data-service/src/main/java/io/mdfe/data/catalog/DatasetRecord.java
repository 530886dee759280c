package io.mdfe.data.catalog;

import io.mdfe.data.dataset.DatasetLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registered dataset and all its versions, as persisted in {@code catalog.json}. A dataset id is bound to
 * one root directory and one list of set names; its versions follow the content of their annotation files.
 *
 * @param id catalog id
 * @param root canonical path of the dataset directory
 * @param layout CSV or UnED
 * @param names set names or UnED domains as registered (empty for "all UnED domains")
 * @param currentVersion the version the last registration found
 * @param versions every version, oldest first, each once
 */
public record DatasetRecord(String id, String root, DatasetLayout layout, List<String> names, String currentVersion,
        List<VersionRecord> versions) {

    /** Copies the lists so the record stays immutable. */
    public DatasetRecord {
        names = List.copyOf(names);
        versions = List.copyOf(versions);
    }

    /**
     * Finds a version of this dataset.
     *
     * @param version a fingerprint
     * @return the version, if this dataset has it
     */
    public Optional<VersionRecord> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /**
     * The version the last registration found.
     *
     * @return the current version
     */
    public VersionRecord current() {
        return version(currentVersion).orElseThrow(
                () -> new IllegalStateException("dataset " + id + " lists no current version " + currentVersion));
    }

    /**
     * This dataset with another current version, added to the history when new.
     *
     * @param version the new current version
     * @return the updated record
     */
    public DatasetRecord withCurrent(VersionRecord version) {
        List<VersionRecord> all = new ArrayList<>(versions);
        if (version(version.version()).isEmpty()) {
            all.add(version);
        }
        return new DatasetRecord(id, root, layout, names, version.version(), all);
    }
}
