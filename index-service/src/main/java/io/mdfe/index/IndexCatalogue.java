package io.mdfe.index;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.grpc.Status;
import io.mdfe.core.concurrent.Cancellation;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.index.milvus.MilvusIndex;
import io.mdfe.core.index.milvus.MilvusIndexOptions;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.core.io.Leftovers;
import io.mdfe.service.common.grpc.ServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The named indexes of the service and their persistence under a state directory:
 * {@code catalogue.json} lists every built index, and {@code indexes/<name>/} holds what its
 * {@link VectorIndex#save} wrote. Both are written atomically, the index first, so the catalogue never
 * names a missing index. A new catalogue on the same directory reloads every listed index; one that
 * fails to load stays listed and answers FAILED_PRECONDITION with the reason. An unreadable catalogue is
 * moved aside ({@link CorruptFiles}) and every index folder is reloaded on its own.
 *
 * <p>Indexes not built yet live in memory only and are not restored after a restart, and at most
 * {@code maxUnbuilt} of them exist at once. Searches of one index run in parallel; adding and deleting take
 * it exclusively. A build holds no lock while it runs: searches, adds and deletes of an index being built
 * are refused at once (FAILED_PRECONDITION) instead of waiting for it, and a cancelled build leaves the
 * index unbuilt with its vectors, to be built again.
 */
public final class IndexCatalogue implements AutoCloseable {

    static final String CATALOGUE_FILE = "catalogue.json";
    static final String INDEXES_DIR = "indexes";
    private static final String MILVUS = "milvus";
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Logger LOG = Logger.getLogger(IndexCatalogue.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path stateDir;
    private final IndexRegistry registry;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final int maxUnbuilt;

    /**
     * Opens the catalogue in {@code stateDir}, reloading every index it lists, with no cap on unbuilt indexes.
     *
     * @throws IOException when the catalogue file exists but cannot be read
     */
    public IndexCatalogue(Path stateDir, IndexRegistry registry) throws IOException {
        this(stateDir, registry, Integer.MAX_VALUE);
    }

    /**
     * Opens the catalogue in {@code stateDir}, reloading every index it lists.
     *
     * @param maxUnbuilt most indexes created and not built yet at once
     * @throws IOException when the catalogue file exists but cannot be read
     */
    public IndexCatalogue(Path stateDir, IndexRegistry registry, int maxUnbuilt) throws IOException {
        this.stateDir = stateDir;
        this.registry = registry;
        this.maxUnbuilt = maxUnbuilt;
        Files.createDirectories(stateDir);
        Leftovers.recover(stateDir, 2);
        Path file = stateDir.resolve(CATALOGUE_FILE);
        if (Files.exists(file)) {
            List<CatalogueEntry> entries;
            try {
                entries = JSON.readValue(file.toFile(), new TypeReference<List<CatalogueEntry>>() { });
                if (entries == null || entries.contains(null)) {
                    throw new IOException("no list of indexes in it");
                }
            } catch (IOException e) {
                CorruptFiles.quarantine(file, e, "the list of built indexes; each folder under " + INDEXES_DIR
                        + "/ is reloaded on its own, without its build parameters");
                recoverFromFolders();
                return;
            }
            for (CatalogueEntry entry : entries) {
                slots.put(entry.name(), reload(entry));
            }
        }
    }

    /** Reloads every saved index folder with the first backend that reads it, and writes a new catalogue. */
    private void recoverFromFolders() throws IOException {
        Path indexes = stateDir.resolve(INDEXES_DIR);
        if (!Files.isDirectory(indexes)) {
            return;
        }
        List<Path> folders;
        try (var list = Files.list(indexes)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            for (String backend : registry.names()) {
                try {
                    VectorIndex index = registry.factory(backend).load(folder);
                    slots.put(name, new Slot(name, backend, index.spec(), Map.of(), index, null, index.size(), true, 0));
                    break;
                } catch (IOException | RuntimeException e) {
                    LOG.debugf("index folder %s is not a %s index: %s", folder, backend, e.getMessage());
                }
            }
            if (!slots.containsKey(name)) {
                LOG.warnf("index folder %s could not be reloaded by any backend %s; it is kept, not served",
                        folder, registry.names());
            }
        }
        LOG.warnf("recovered %d index(es) from their folders: %s", slots.size(), new java.util.TreeSet<>(slots.keySet()));
        writeCatalogue();
    }

    /**
     * Creates an empty index. For the {@code milvus} backend the collection defaults to
     * {@link MilvusIndexOptions#collectionFor} of the name.
     *
     * @throws IndexExistsException for a taken name
     * @throws IllegalArgumentException for an invalid name, unknown backend or bad parameters
     */
    public synchronized IndexInfo create(String name, String backend, IndexSpec spec, Map<String, String> params) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("index name '" + name + "' must be 1-128 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        if (slots.containsKey(name)) {
            throw new IndexExistsException(name);
        }
        long unbuilt = slots.values().stream().filter(s -> !s.built).count();
        if (unbuilt >= maxUnbuilt) {
            throw new ServiceException(Status.Code.RESOURCE_EXHAUSTED, "name: " + unbuilt + " indexes are not built"
                    + " yet, the limit (mdfe.index.limits.max-unbuilt); build or delete one first");
        }
        Map<String, String> used = new LinkedHashMap<>(params);
        if (MILVUS.equals(backend)) {
            used.putIfAbsent(MilvusIndexOptions.COLLECTION, MilvusIndexOptions.collectionFor(name));
        }
        VectorIndex index = registry.factory(backend).create(spec, used);
        Slot slot = new Slot(name, backend, spec, Map.copyOf(used), index, null, 0, false, 0);
        slots.put(name, slot);
        return slot.info();
    }

    /**
     * Appends row-major vectors to an index that is not built yet.
     *
     * @return the index size afterwards
     */
    public long add(String name, float[] vectors, int count) {
        return exclusive(name, slot -> {
            refuseWhileBuilding(slot, "vectors cannot be added");
            slot.index().add(vectors, count);
            return slot.index().size();
        });
    }

    /**
     * Builds an index and saves it with the catalogue, stopping early when {@code cancellation} says the
     * caller gave up. Only one build of an index runs at a time; the index is taken for the build under its
     * lock, and the build itself runs without it.
     *
     * @throws java.util.concurrent.CancellationException when cancelled; the index stays unbuilt
     */
    public BuildReport build(String name, Cancellation cancellation) {
        Slot slot = exclusive(name, s -> {
            refuseWhileBuilding(s, "it cannot be built twice at once");
            s.building = true;
            return s;
        });
        try {
            BuildReport report = slot.index().build(cancellation);
            slot.index().save(indexDir(name));
            synchronized (this) {
                slot.built = true;
                slot.bytes = report.bytes();
                writeCatalogue();
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("index '" + name + "' is built but could not be saved", e);
        } finally {
            slot.building = false;
        }
    }

    /**
     * The k nearest neighbours of row-major queries; concurrent with other searches, refused at once while
     * the index is being built, and stopped between query blocks when {@code cancellation} says so.
     */
    public Neighbors search(String name, float[] queries, int count, int k, Cancellation cancellation) {
        Slot slot = slot(name);
        refuseWhileBuilding(slot, "search it when Build has returned");
        return locked(slot, slot.lock.readLock(), () -> slot.index().search(queries, count, k, cancellation));
    }

    /** What the catalogue knows of an index. */
    public IndexInfo info(String name) {
        return slot(name).info();
    }

    /**
     * Removes an index: from the catalogue, its saved files, and, for Milvus, its collection. When the
     * backend storage cannot be removed (server down) the index is still gone here and a warning is logged.
     */
    public void delete(String name) {
        Slot slot = slot(name);
        locked(slot, slot.lock.writeLock(), () -> {
            refuseWhileBuilding(slot, "delete it when Build has returned");
            try {
                synchronized (this) {
                    slots.remove(name);
                    slot.deleted = true;
                    writeCatalogue();
                }
                AtomicFiles.deleteRecursively(indexDir(name));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the files of index '" + name + "'", e);
            }
            release(slot);
            return null;
        });
    }

    /** Closes every index (connections, memory); nothing is deleted. */
    @Override
    public synchronized void close() {
        slots.values().stream().filter(s -> s.index != null).forEach(s -> s.index.close());
    }

    private Slot reload(CatalogueEntry entry) {
        try {
            VectorIndex index = registry.factory(entry.backend()).load(indexDir(entry.name()));
            return new Slot(entry.name(), entry.backend(), entry.spec(), entry.params(), index, null, entry.size(),
                    true, entry.bytes());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("index '%s' (%s) could not be reloaded: %s", entry.name(), entry.backend(), e.getMessage());
            return new Slot(entry.name(), entry.backend(), entry.spec(), entry.params(), null, e.getMessage(),
                    entry.size(), true, entry.bytes());
        }
    }

    private void release(Slot slot) {
        if (slot.index == null) {
            return;
        }
        if (slot.index instanceof MilvusIndex milvus) {
            try {
                milvus.dropCollection();
            } catch (RuntimeException e) {
                LOG.warnf("index '%s' deleted, but its Milvus collection '%s' could not be dropped: %s", slot.name,
                        milvus.options().collection(), e.getMessage());
            }
        } else {
            slot.index.close();
        }
    }

    private Path indexDir(String name) {
        return stateDir.resolve(INDEXES_DIR).resolve(name);
    }

    private void writeCatalogue() throws IOException {
        List<CatalogueEntry> built = slots.values().stream().filter(s -> s.built)
                .map(s -> CatalogueEntry.of(s.info())).sorted(Comparator.comparing(CatalogueEntry::name)).toList();
        AtomicFiles.writeString(stateDir.resolve(CATALOGUE_FILE), JSON.writeValueAsString(built));
    }

    private Slot slot(String name) {
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new IndexNotFoundException(name);
        }
        return slot;
    }

    private static void refuseWhileBuilding(Slot slot, String consequence) {
        if (slot.building) {
            throw new IllegalStateException("index '" + slot.name + "' is being built; " + consequence);
        }
    }

    private <T> T exclusive(String name, Function<Slot, T> work) {
        Slot slot = slot(name);
        return locked(slot, slot.lock.writeLock(), () -> work.apply(slot));
    }

    private static <T> T locked(Slot slot, Lock lock, Supplier<T> work) {
        lock.lock();
        try {
            if (slot.deleted) {
                throw new IndexNotFoundException(slot.name);
            }
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /** One index and its state; fields after construction are guarded by {@link #lock}. */
    private static final class Slot {
        final String name;
        final String backend;
        final IndexSpec spec;
        final Map<String, String> params;
        final VectorIndex index;
        final String loadError;
        final long savedSize;
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        volatile boolean built;
        volatile boolean building;
        volatile long bytes;
        volatile boolean deleted;

        Slot(String name, String backend, IndexSpec spec, Map<String, String> params, VectorIndex index,
             String loadError, long savedSize, boolean built, long bytes) {
            this.name = name;
            this.backend = backend;
            this.spec = spec;
            this.params = params;
            this.index = index;
            this.loadError = loadError;
            this.savedSize = savedSize;
            this.built = built;
            this.bytes = bytes;
        }

        /** The index, or FAILED_PRECONDITION when it could not be reloaded. */
        VectorIndex index() {
            if (index == null) {
                throw new IllegalStateException("index '" + name + "' could not be reloaded at startup: " + loadError);
            }
            return index;
        }

        IndexInfo info() {
            return new IndexInfo(name, backend, spec, params, index == null ? savedSize : index.size(), built, bytes);
        }
    }
}
