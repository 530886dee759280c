package io.mdfe.trainer.recipe;

import io.mdfe.trainer.store.JsonStateFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The datasets the data-service announced on {@code mdfe.dataset-events}, each at its latest version, so a
 * run can name a dataset by id. Persisted to one {@link JsonStateFile}; thread-safe.
 */
public final class KnownDatasets {

    private final JsonStateFile<KnownDataset> file;
    private final TreeMap<String, KnownDataset> datasets = new TreeMap<>();

    /**
     * Loads the datasets.
     *
     * @param file where they are persisted
     */
    public KnownDatasets(JsonStateFile<KnownDataset> file) {
        this.file = file;
        file.load().forEach(d -> datasets.put(d.id(), d));
    }

    /**
     * Records a dataset's current version; persists only when something changed.
     *
     * @param dataset the dataset
     */
    public synchronized void put(KnownDataset dataset) {
        if (!dataset.equals(datasets.put(dataset.id(), dataset))) {
            file.save(new ArrayList<>(datasets.values()));
        }
    }

    /**
     * @param id a dataset id
     * @return its current version, if announced
     */
    public synchronized Optional<KnownDataset> find(String id) {
        return Optional.ofNullable(datasets.get(id));
    }

    /** @return every known dataset, sorted by id */
    public synchronized List<KnownDataset> all() {
        return new ArrayList<>(datasets.values());
    }
}
