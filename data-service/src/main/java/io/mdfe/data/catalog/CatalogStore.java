package io.mdfe.data.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.core.io.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog's files under the state directory, each written atomically ({@link AtomicFiles}: temporary
 * sibling, fsync, rename), so a crash leaves either the old or the new content:
 *
 * <pre>
 * &lt;state-dir&gt;/catalog.json                      every dataset and its versions
 * &lt;state-dir&gt;/versions/&lt;dataset&gt;/&lt;version&gt;.json   one frozen manifest per version
 * </pre>
 *
 * A manifest is written before the catalog that refers to it, so the catalog never names a missing one.
 */
public class CatalogStore {

    /** Top level of {@code catalog.json}; {@code formatVersion} lets a later release migrate old files. */
    record CatalogFile(int formatVersion, List<DatasetRecord> datasets) {
    }

    private static final int FORMAT_VERSION = 1;
    /** The state directory, versions/ and one dataset's folder: every level files are written into. */
    private static final int LEFTOVER_DEPTH = 3;

    private final Path stateDir;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Creates a store; nothing is read or written yet.
     *
     * @param stateDir the state directory, created on first write
     */
    public CatalogStore(Path stateDir) {
        this.stateDir = stateDir;
    }

    /**
     * Reads every registered dataset, after cleaning what interrupted writes left ({@link Leftovers}).
     * A corrupt {@code catalog.json} is moved aside with a warning and the service starts with no dataset:
     * registering a dataset again restores it (its versions are fingerprints of its content).
     *
     * @return the datasets; empty when nothing was ever saved
     * @throws IllegalStateException for a catalog of another format version
     */
    public List<DatasetRecord> loadDatasets() {
        Path file = catalogFile();
        try {
            Leftovers.recover(stateDir, LEFTOVER_DEPTH);
            if (!Files.exists(file)) {
                return List.of();
            }
            CatalogFile catalog;
            try {
                catalog = json.readValue(file.toFile(), CatalogFile.class);
                if (catalog == null || catalog.datasets() == null || catalog.datasets().contains(null)) {
                    throw new IOException("no dataset list in it");
                }
            } catch (IOException e) {
                CorruptFiles.quarantine(file, e, "every registered dataset; register them again (their frozen "
                        + "manifests under versions/ are kept)");
                return List.of();
            }
            if (catalog.formatVersion() != FORMAT_VERSION) {
                throw new IllegalStateException(file + " has format version " + catalog.formatVersion()
                        + "; this service reads " + FORMAT_VERSION);
            }
            return catalog.datasets();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the catalog " + file, e);
        }
    }

    /**
     * Replaces the catalog with these datasets.
     *
     * @param datasets every registered dataset
     */
    public void saveDatasets(List<DatasetRecord> datasets) {
        write(catalogFile(), new CatalogFile(FORMAT_VERSION, datasets));
    }

    /**
     * Writes the frozen manifest of a version (before the catalog names the version).
     *
     * @param datasetId the dataset
     * @param version the version
     * @param manifest its samples
     */
    public void saveManifest(String datasetId, String version, FrozenManifest manifest) {
        write(manifestFile(datasetId, version), manifest);
    }

    /**
     * Reads the frozen manifest of a version.
     *
     * @param datasetId the dataset
     * @param version the version
     * @return its samples
     */
    public FrozenManifest loadManifest(String datasetId, String version) {
        Path file = manifestFile(datasetId, version);
        try {
            return json.readValue(file.toFile(), FrozenManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + file, e);
        }
    }

    private Path catalogFile() {
        return stateDir.resolve("catalog.json");
    }

    private Path manifestFile(String datasetId, String version) {
        return stateDir.resolve("versions").resolve(datasetId).resolve(version + ".json");
    }

    private void write(Path file, Object value) {
        try {
            AtomicFiles.write(file, out -> json.writeValue(out, value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
