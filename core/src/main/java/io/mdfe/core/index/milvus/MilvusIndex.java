package io.mdfe.core.index.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.io.AtomicFiles;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A {@link VectorIndex} kept in a Milvus collection: field {@code id} (int64 primary key, the
 * insertion order) and field {@code vector} (float vector of the spec's width). {@link #add} inserts
 * in batches of {@code insert_batch} rows; {@link #build} flushes, creates the configured index
 * ({@link MilvusIndexType}) with the metric's Milvus counterpart ({@link MilvusMetric}) and loads the
 * collection; {@link #search} sends {@code search_batch} queries per call with strong consistency and
 * turns Milvus scores into the {@link io.mdfe.core.index.Metric}'s distances, ties by increasing id.
 *
 * <p>{@link #save} writes only a descriptor (collection, public URI, spec, options): the vectors stay
 * in Milvus. {@link #dropCollection} deletes them there. Milvus reports no recall, so
 * {@link BuildReport}'s recall fields are empty; its {@code bytes} are the raw ids and vectors sent.
 */
public final class MilvusIndex implements VectorIndex {

    static final String ID_FIELD = "id";
    static final String VECTOR_FIELD = "vector";
    private static final long RETRY_TIMEOUT_MS = 30_000;

    private final IndexSpec spec;
    private final MilvusConnection connection;
    private final MilvusIndexOptions options;
    private final MilvusMetric metric;
    private final MilvusClientV2 client;
    private long size;
    private volatile boolean built;

    private MilvusIndex(IndexSpec spec, MilvusConnection connection, MilvusIndexOptions options,
                        MilvusClientV2 client, long size, boolean built) {
        this.spec = spec;
        this.connection = connection;
        this.options = options;
        this.metric = MilvusMetric.of(spec.metric());
        this.client = client;
        this.size = size;
        this.built = built;
    }

    /**
     * Creates the collection of a new, empty index.
     *
     * @throws IllegalStateException when the collection already exists
     */
    static MilvusIndex create(IndexSpec spec, MilvusConnection connection, MilvusIndexOptions options) {
        MilvusClientV2 client = connect(connection);
        try {
            if (hasCollection(client, options.collection())) {
                throw new IllegalStateException("Milvus collection '" + options.collection() + "' already exists at "
                        + connection.publicUri() + "; delete it or choose another index name");
            }
            CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
            schema.addField(AddFieldReq.builder().fieldName(ID_FIELD).dataType(DataType.Int64)
                    .isPrimaryKey(true).autoID(false).build());
            schema.addField(AddFieldReq.builder().fieldName(VECTOR_FIELD).dataType(DataType.FloatVector)
                    .dimension(spec.dim()).build());
            client.createCollection(CreateCollectionReq.builder().collectionName(options.collection())
                    .description("MDFE index of " + spec.describe()).collectionSchema(schema)
                    .consistencyLevel(ConsistencyLevel.STRONG).build());
            return new MilvusIndex(spec, connection, options, client, 0, false);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Reconnects to the collection of a built index and loads it for search.
     *
     * @throws IllegalStateException when the collection is gone
     */
    static MilvusIndex reopen(IndexSpec spec, MilvusConnection connection, MilvusIndexOptions options, long size) {
        MilvusClientV2 client = connect(connection);
        try {
            if (!hasCollection(client, options.collection())) {
                throw new IllegalStateException("Milvus collection '" + options.collection() + "' no longer exists at "
                        + connection.publicUri());
            }
            client.loadCollection(LoadCollectionReq.builder().collectionName(options.collection()).build());
            return new MilvusIndex(spec, connection, options, client, size, true);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public IndexSpec spec() {
        return spec;
    }

    /** The collection and index settings. */
    public MilvusIndexOptions options() {
        return options;
    }

    /** True once {@link #build} has run. */
    public boolean isBuilt() {
        return built;
    }

    @Override
    public synchronized void add(float[] vectors, int count) {
        if (built) {
            throw new IllegalStateException("Milvus index '" + options.collection() + "' is built; it takes no more vectors");
        }
        float[][] rows = rows(vectors, count, "vector", size);
        for (int start = 0; start < count; start += options.insertBatch()) {
            int end = Math.min(count, start + options.insertBatch());
            List<JsonObject> batch = new ArrayList<>(end - start);
            for (int r = start; r < end; r++) {
                JsonObject row = new JsonObject();
                row.addProperty(ID_FIELD, size + r);
                JsonArray values = new JsonArray(spec.dim());
                for (float v : rows[r]) {
                    values.add(v);
                }
                row.add(VECTOR_FIELD, values);
                batch.add(row);
            }
            client.insert(InsertReq.builder().collectionName(options.collection()).data(batch).build());
        }
        size += count;
    }

    @Override
    public synchronized BuildReport build() {
        if (built) {
            throw new IllegalStateException("Milvus index '" + options.collection() + "' is already built");
        }
        long start = System.nanoTime();
        client.flush(FlushReq.builder().collectionNames(List.of(options.collection())).build());
        IndexParam index = IndexParam.builder().fieldName(VECTOR_FIELD).indexType(options.indexType().sdkType())
                .metricType(metric.sdkType()).extraParams(new HashMap<>(options.buildParams())).build();
        client.createIndex(CreateIndexReq.builder().collectionName(options.collection())
                .indexParams(List.of(index)).build());
        client.loadCollection(LoadCollectionReq.builder().collectionName(options.collection()).build());
        built = true;
        return new BuildReport(size, Duration.ofNanos(System.nanoTime() - start), OptionalDouble.empty(),
                OptionalDouble.empty(), 0, size * (Long.BYTES + (long) Float.BYTES * spec.dim()));
    }

    @Override
    public Neighbors search(float[] queries, int count, int k) {
        if (!built) {
            throw new IllegalStateException("Milvus index '" + options.collection() + "' is not built yet; build it before searching");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        float[][] rows = rows(queries, count, "query", 0);
        int[] ids = new int[count * k];
        float[] distances = new float[count * k];
        Arrays.fill(ids, -1);
        Arrays.fill(distances, Float.NaN);
        for (int start = 0; start < count; start += options.searchBatch()) {
            int end = Math.min(count, start + options.searchBatch());
            List<BaseVector> batch = new ArrayList<>(end - start);
            for (int q = start; q < end; q++) {
                batch.add(new FloatVec(rows[q]));
            }
            SearchResp response = client.search(SearchReq.builder().collectionName(options.collection())
                    .annsField(VECTOR_FIELD).metricType(metric.sdkType()).data(batch).limit(k)
                    .searchParams(options.indexType().searchParamsFor(options.searchParams(), k))
                    .consistencyLevel(ConsistencyLevel.STRONG).build());
            List<List<SearchResp.SearchResult>> results = response.getSearchResults();
            for (int q = start; q < end; q++) {
                fillRow(results.get(q - start), q * k, k, ids, distances);
            }
        }
        return new Neighbors(count, k, ids, distances);
    }

    @Override
    public synchronized long size() {
        return size;
    }

    /**
     * Writes {@code dir/milvus-index.json}: collection, public URI and database (no secrets), spec,
     * options and size. The vectors stay in Milvus.
     *
     * @throws IllegalStateException before {@link #build}
     */
    @Override
    public synchronized void save(Path dir) throws IOException {
        if (!built) {
            throw new IllegalStateException("Milvus index '" + options.collection() + "' is not built yet; build it before saving");
        }
        MilvusDescriptor descriptor = MilvusDescriptor.of(connection, spec, options, size);
        AtomicFiles.writePath(dir, tmp -> {
            Files.createDirectories(tmp);
            descriptor.writeTo(tmp);
        });
    }

    /** Deletes the collection, and so the vectors, in Milvus; the index is closed afterwards. */
    public void dropCollection() {
        try {
            client.dropCollection(DropCollectionReq.builder().collectionName(options.collection()).build());
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Names the collection and server, never the credentials. */
    @Override
    public String toString() {
        return "MilvusIndex[" + options.collection() + " at " + connection.publicUri() + ", " + spec.describe()
                + ", " + options.indexType() + ", size=" + size() + ", built=" + built + "]";
    }

    private static MilvusClientV2 connect(MilvusConnection connection) {
        MilvusClientV2 client = new MilvusClientV2(connection.connectConfig());
        client.retryConfig(RetryConfig.builder().maxRetryTimeoutMs(RETRY_TIMEOUT_MS).build());
        return client;
    }

    private static boolean hasCollection(MilvusClientV2 client, String collection) {
        return client.hasCollection(HasCollectionReq.builder().collectionName(collection).build());
    }

    /** Milvus's hits of one query into row {@code offset}: converted distances, best first, ties by id. */
    private void fillRow(List<SearchResp.SearchResult> hits, int offset, int k, int[] ids, float[] distances) {
        Comparator<Hit> order = metric.largerFirst()
                ? Comparator.comparingDouble((Hit h) -> -h.distance()).thenComparingInt(Hit::id)
                : Comparator.comparingDouble(Hit::distance).thenComparingInt(Hit::id);
        List<Hit> sorted = hits.stream()
                .map(h -> new Hit(Math.toIntExact(((Number) h.getId()).longValue()), metric.distance(h.getScore())))
                .sorted(order).limit(k).toList();
        for (int r = 0; r < sorted.size(); r++) {
            ids[offset + r] = sorted.get(r).id();
            distances[offset + r] = sorted.get(r).distance();
        }
    }

    /**
     * Splits row-major values into rows, refusing a wrong length or non-finite values (naming the row as
     * {@code what} number {@code firstNumber + row}) and normalising rows for angular indexes.
     */
    private float[][] rows(float[] values, int count, String what, long firstNumber) {
        if (count < 0 || values.length != (long) count * spec.dim()) {
            throw new IllegalArgumentException(count + " " + what + "s of " + spec.dim() + " floats need "
                    + ((long) count * spec.dim()) + " values, got " + values.length);
        }
        float[][] rows = new float[count][];
        for (int r = 0; r < count; r++) {
            float[] row = Arrays.copyOfRange(values, r * spec.dim(), (r + 1) * spec.dim());
            double norm = 0;
            for (int i = 0; i < row.length; i++) {
                if (!Float.isFinite(row[i])) {
                    throw new IllegalArgumentException(what + " " + (firstNumber + r) + " has " + row[i]
                            + " at position " + i);
                }
                norm += (double) row[i] * row[i];
            }
            if (spec.metric().normalizes()) {
                if (norm == 0) {
                    throw new IllegalArgumentException(what + " " + (firstNumber + r)
                            + " is all zeros; an angular index cannot normalise it");
                }
                float scale = (float) (1 / Math.sqrt(norm));
                for (int i = 0; i < row.length; i++) {
                    row[i] *= scale;
                }
            }
            rows[r] = row;
        }
        return rows;
    }

    /** One neighbour of one query. */
    private record Hit(int id, float distance) {
    }
}
