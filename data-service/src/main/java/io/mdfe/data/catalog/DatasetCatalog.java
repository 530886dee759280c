package io.mdfe.data.catalog;

import io.grpc.Status;
import io.mdfe.data.catalog.Registration.Outcome;
import io.mdfe.data.dataset.DatasetLayout;
import io.mdfe.data.dataset.DatasetReadException;
import io.mdfe.data.dataset.DatasetReader;
import io.mdfe.data.dataset.DatasetSample;
import io.mdfe.data.dataset.LoadedDataset;
import io.mdfe.service.common.events.outbox.StagedEvent;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.paths.RootedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dataset catalog: registers dataset directories, keeps every version with its frozen manifest, and
 * answers what a version holds. Registrations are serialized (one writer); reads see an immutable snapshot
 * and never wait for a registration.
 *
 * <p>A version is the fingerprint of the annotation files. Registering a dataset again with changed
 * annotations makes another version current; with unchanged annotations it changes nothing; with the
 * content of an older version it makes that version current again.
 */
public class DatasetCatalog {

    private static final Pattern DATASET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final RootedPaths allowedRoots;
    private final DatasetReader reader;
    private final CatalogStore store;
    private final Clock clock;
    private final Map<String, FrozenManifest> manifestCache;
    private volatile Map<String, DatasetRecord> datasets;

    /**
     * Creates the catalog and loads what the store holds.
     *
     * @param allowedRoot the only directory tree datasets may come from
     * @param reader the dataset readers
     * @param store persistence
     * @param clock source of registration times
     * @param manifestCacheSize how many manifests stay in memory
     */
    public DatasetCatalog(Path allowedRoot, DatasetReader reader, CatalogStore store, Clock clock,
            int manifestCacheSize) {
        this.allowedRoots = new RootedPaths("mdfe.data.allowed-root", List.of(allowedRoot));
        this.reader = reader;
        this.store = store;
        this.clock = clock;
        this.manifestCache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FrozenManifest> eldest) {
                return size() > manifestCacheSize;
            }
        });
        Map<String, DatasetRecord> loaded = new TreeMap<>();
        store.loadDatasets().forEach(d -> loaded.put(d.id(), d));
        this.datasets = Collections.unmodifiableMap(loaded);
    }

    /**
     * Registers a dataset directory, or registers it again.
     *
     * @param datasetId catalog id
     * @param root absolute path of the dataset directory, under the allowed root
     * @param layout the expected layout, or empty to detect it
     * @param names CSV set names or UnED domains
     * @return what the registration did
     * @throws ServiceException for a bad request or unusable data
     */
    public Registration register(String datasetId, String root, Optional<DatasetLayout> layout,
            List<String> names) {
        return register(datasetId, root, layout, names, RegistrationJournal.NONE);
    }

    /**
     * Registers a dataset directory, or registers it again, journalling the change in the same step: the
     * journal's entry is staged durably before the catalog is saved, committed after, and dropped when the save
     * fails.
     *
     * @param datasetId catalog id
     * @param root absolute path of the dataset directory, under the allowed root
     * @param layout the expected layout, or empty to detect it
     * @param names CSV set names or UnED domains
     * @param journal records each change that is not UNCHANGED (the dataset event)
     * @return what the registration did
     * @throws ServiceException for a bad request or unusable data
     */
    public synchronized Registration register(String datasetId, String root, Optional<DatasetLayout> layout,
            List<String> names, RegistrationJournal journal) {
        checkDatasetId(datasetId);
        Path directory = resolveUnderAllowedRoot(root);
        // a root may hold both layouts (upstream keeps M4D CSVs and UnED side by side): a given format wins
        if (layout.isPresent() && !reader.holds(directory, layout.get())) {
            throw ServiceException.failedPrecondition(
                    "format: " + directory + " holds no " + layout.get() + " dataset");
        }
        DatasetLayout detected = layout.isPresent() ? layout.get() : read(() -> reader.detect(directory));
        checkNames(detected, names);
        DatasetRecord existing = datasets.get(datasetId);
        if (existing != null && !(existing.root().equals(directory.toString()) && existing.names().equals(names))) {
            throw ServiceException.failedPrecondition("dataset_id: '" + datasetId + "' is registered for "
                    + existing.root() + " with names " + existing.names() + ", not " + directory + " with " + names);
        }
        LoadedDataset loaded = read(() -> reader.open(directory, detected, names));
        String fingerprint = loaded.fingerprint();
        if (existing != null && existing.currentVersion().equals(fingerprint)) {
            return new Registration(Outcome.UNCHANGED, existing, existing.currentVersion());
        }
        String previous = existing == null ? "" : existing.currentVersion();
        Optional<VersionRecord> known = existing == null ? Optional.empty() : existing.version(fingerprint);
        VersionRecord version = known.orElseGet(() -> new VersionRecord(fingerprint, clock.instant(),
                loaded.samples().size(), loaded.numClasses(), previous));
        if (known.isEmpty()) {
            store.saveManifest(datasetId, fingerprint, freeze(directory, loaded));
        }
        DatasetRecord updated = existing == null
                ? new DatasetRecord(datasetId, directory.toString(), detected, names, fingerprint, List.of(version))
                : existing.withCurrent(version);
        Map<String, DatasetRecord> next = new TreeMap<>(datasets);
        next.put(datasetId, updated);
        Registration registration = new Registration(existing == null ? Outcome.REGISTERED : Outcome.UPDATED,
                updated, previous);
        StagedEvent event = journal.stage(registration);
        event.commitWith(() -> {
            store.saveDatasets(List.copyOf(next.values()));
            datasets = Collections.unmodifiableMap(next);
        });
        return registration;
    }

    /**
     * Every registered dataset.
     *
     * @return datasets sorted by id
     */
    public List<DatasetRecord> datasets() {
        return List.copyOf(datasets.values());
    }

    /**
     * One registered dataset.
     *
     * @param datasetId catalog id
     * @return the dataset
     * @throws ServiceException NOT_FOUND for an unknown id
     */
    public DatasetRecord dataset(String datasetId) {
        DatasetRecord dataset = datasets.get(datasetId);
        if (dataset == null) {
            throw ServiceException.notFound("dataset_id: no dataset '" + datasetId + "' is registered");
        }
        return dataset;
    }

    /**
     * A version of a dataset.
     *
     * @param dataset the dataset
     * @param version a fingerprint, or empty for the current version
     * @return the version
     * @throws ServiceException NOT_FOUND for a version the dataset does not have
     */
    public VersionRecord version(DatasetRecord dataset, String version) {
        if (version.isEmpty()) {
            return dataset.current();
        }
        return dataset.version(version).orElseThrow(() -> ServiceException.notFound(
                "version: dataset '" + dataset.id() + "' has no version '" + version + "'"));
    }

    /**
     * The frozen manifest of a version, from memory when recently used.
     *
     * @param dataset the dataset
     * @param version one of its versions
     * @return the version's samples
     */
    public FrozenManifest manifest(DatasetRecord dataset, VersionRecord version) {
        String key = dataset.id() + "/" + version.version();
        FrozenManifest cached = manifestCache.get(key);
        if (cached != null) {
            return cached;
        }
        FrozenManifest manifest = store.loadManifest(dataset.id(), version.version());
        manifestCache.put(key, manifest);
        return manifest;
    }

    /**
     * The file behind a manifest path.
     *
     * @param dataset the dataset
     * @param relativePath a path from one of its manifests
     * @return the image file
     */
    public Path imageFile(DatasetRecord dataset, String relativePath) {
        return Path.of(dataset.root()).resolve(relativePath);
    }

    /**
     * Where a dataset's images may be read from: its root, links resolved, so a link inside the dataset that
     * points outside it is refused (PERMISSION_DENIED) instead of streamed.
     *
     * @param dataset the dataset
     * @return the policy that confines its image files
     */
    public RootedPaths imageRoot(DatasetRecord dataset) {
        return new RootedPaths("the root of dataset '" + dataset.id() + "'", List.of(Path.of(dataset.root())));
    }

    private static void checkDatasetId(String datasetId) {
        if (!DATASET_ID.matcher(datasetId).matches()) {
            throw ServiceException.invalidArgument("dataset_id: '" + datasetId
                    + "' must be 1-64 of [a-z0-9._-], starting with a letter or digit");
        }
    }

    private static void checkNames(DatasetLayout layout, List<String> names) {
        if (layout == DatasetLayout.CSV && names.isEmpty()) {
            throw ServiceException.invalidArgument("names: a CSV dataset needs at least one set name");
        }
        for (String name : names) {
            if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
                throw ServiceException.invalidArgument("names: '" + name + "' is not a plain set name");
            }
        }
    }

    /**
     * The canonical directory for a requested root. Checked lexically first, so nothing outside the allowed
     * root is even probed, then again after resolving symbolic links.
     */
    private Path resolveUnderAllowedRoot(String root) {
        if (root.isBlank() || !root.startsWith("/")) {
            throw ServiceException.invalidArgument("root: '" + root + "' must be an absolute path");
        }
        Path real = allowedRoots.confine("root", root);
        if (!Files.isDirectory(real)) {
            throw ServiceException.notFound("root: " + root + " is not an existing directory");
        }
        return real;
    }

    /** Relative, '/'-separated paths; an annotation that points outside the dataset root is refused. */
    private static FrozenManifest freeze(Path root, LoadedDataset loaded) {
        List<DatasetSample> samples = loaded.samples();
        List<String> paths = new ArrayList<>(samples.size());
        int[] labels = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            Path image = samples.get(i).image().normalize();
            if (!image.startsWith(root) || image.equals(root)) {
                throw ServiceException.failedPrecondition(
                        "annotation entry " + samples.get(i).image() + " of " + root + " is outside the dataset root");
            }
            paths.add(root.relativize(image).toString().replace('\\', '/'));
            labels[i] = samples.get(i).label();
        }
        return new FrozenManifest(paths, labels, loaded.classCounts());
    }

    /** A call to the dataset readers. */
    @FunctionalInterface
    private interface ReaderCall<T> {
        T call() throws DatasetReadException;
    }

    private static <T> T read(ReaderCall<T> call) {
        try {
            return call.call();
        } catch (DatasetReadException e) {
            throw new ServiceException(e.problem() == DatasetReadException.Problem.MISSING
                    ? Status.Code.NOT_FOUND : Status.Code.FAILED_PRECONDITION, e.getMessage());
        }
    }
}
