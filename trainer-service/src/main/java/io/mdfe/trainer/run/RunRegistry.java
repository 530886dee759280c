package io.mdfe.trainer.run;

import io.mdfe.trainer.store.JsonStateFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every run the service knows, kept in memory and persisted to one {@link JsonStateFile}; loaded on creation,
 * so runs survive a restart. Not thread-safe: the {@link RunManager} serialises access.
 */
public final class RunRegistry {

    private final JsonStateFile<RunRecord> file;
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();

    /**
     * Loads the registry.
     *
     * @param file where it is persisted
     */
    public RunRegistry(JsonStateFile<RunRecord> file) {
        this.file = file;
        file.load().forEach(r -> runs.put(r.id(), r));
    }

    /**
     * @param id a run id
     * @return the run, if known
     */
    public Optional<RunRecord> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** @return every run, oldest first */
    public List<RunRecord> all() {
        List<RunRecord> all = new ArrayList<>(runs.values());
        all.sort(Comparator.comparing(RunRecord::createdAt).thenComparing(RunRecord::id));
        return all;
    }

    /**
     * Stores a new or changed run and persists the registry.
     *
     * @param run the run
     */
    public void save(RunRecord run) {
        runs.put(run.id(), run);
        file.save(all());
    }

    /**
     * Keeps a change in memory only: for per-step progress, which the next persisted change (a checkpoint or a
     * state change) writes along, since a resumed worker starts from its last checkpoint anyway.
     *
     * @param run the run
     */
    public void keep(RunRecord run) {
        runs.put(run.id(), run);
    }
}
