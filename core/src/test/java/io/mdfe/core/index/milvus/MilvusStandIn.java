package io.mdfe.core.index.milvus;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.AllocTimestampRequest;
import io.milvus.grpc.AllocTimestampResponse;
import io.milvus.grpc.BoolResponse;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.ConnectRequest;
import io.milvus.grpc.ConnectResponse;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import io.milvus.grpc.DescribeIndexRequest;
import io.milvus.grpc.DescribeIndexResponse;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.FlushRequest;
import io.milvus.grpc.FlushResponse;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.GetFlushStateRequest;
import io.milvus.grpc.GetFlushStateResponse;
import io.milvus.grpc.GetLoadingProgressRequest;
import io.milvus.grpc.GetLoadingProgressResponse;
import io.milvus.grpc.HasCollectionRequest;
import io.milvus.grpc.IDs;
import io.milvus.grpc.IndexDescription;
import io.milvus.grpc.IndexState;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;
import io.milvus.grpc.LoadCollectionRequest;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.PlaceholderGroup;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResultData;
import io.milvus.grpc.SearchResults;
import io.milvus.grpc.Status;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.Server;
import io.milvus.shaded.io.grpc.ServerCall;
import io.milvus.shaded.io.grpc.ServerCallHandler;
import io.milvus.shaded.io.grpc.ServerInterceptor;
import io.milvus.shaded.io.grpc.ServerInterceptors;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.milvus.shaded.io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TEST STAND-IN for a Milvus server, not Milvus: a grpc-java server on a loopback port that
 * implements, with the SDK's own generated {@code MilvusServiceGrpc} base, only the RPCs the Java v2
 * client calls for {@link MilvusIndex}: Connect and ListDatabases (the client's connect checks),
 * HasCollection, CreateCollection, DescribeCollection, DropCollection, Insert, Flush, GetFlushState,
 * AllocTimestamp, CreateIndex, DescribeIndex, LoadCollection, GetLoadingProgress and Search. Everything
 * else answers UNIMPLEMENTED.
 *
 * <p>Vectors are kept in memory; every index type is answered by brute force with Milvus's score
 * conventions: {@code L2} is the squared distance (smaller first), {@code IP} and {@code COSINE} are
 * similarities (larger first). Equal scores come back in <em>decreasing</em> id order, which real Milvus
 * does not promise either, so tests see that clients order ties themselves. Search of a collection that
 * is not loaded fails as Milvus does (code 101). It counts insert and search calls, remembers the
 * index and search parameters it got and the authorization header of each call, for tests to check.
 */
public final class MilvusStandIn implements AutoCloseable {

    private static final int COLLECTION_NOT_FOUND = 100;
    private static final int COLLECTION_NOT_LOADED = 101;
    private static final int ILLEGAL_ARGUMENT = 1100;
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, Collection> collections = new ConcurrentHashMap<>();
    private final AtomicInteger insertCalls = new AtomicInteger();
    private final AtomicInteger searchCalls = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1);
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> searchParams = new CopyOnWriteArrayList<>();
    private final Server server;

    private MilvusStandIn() throws IOException {
        ServerInterceptor recordAuthorization = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                String value = headers.get(AUTHORIZATION);
                authorizations.add(value == null ? "" : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Service(), recordAuthorization))
                .build().start();
    }

    /** Starts a stand-in on a free loopback port. */
    public static MilvusStandIn start() throws IOException {
        return new MilvusStandIn();
    }

    /** The address to give {@link MilvusConnection}. */
    public String uri() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Insert RPCs received so far. */
    public int insertCalls() {
        return insertCalls.get();
    }

    /** Search RPCs received so far. */
    public int searchCalls() {
        return searchCalls.get();
    }

    /** Whether a collection of that name exists. */
    public boolean hasCollection(String name) {
        return collections.containsKey(name);
    }

    /** Rows stored in a collection. */
    public int rows(String name) {
        return collections.get(name).vectors.size();
    }

    /** The parameters of the collection's index as received in CreateIndex (index_type, metric_type, ...). */
    public Map<String, String> indexParams(String name) {
        return Map.copyOf(collections.get(name).indexParams);
    }

    /** The search parameters of the last Search RPC (metric_type, topk, nprobe, ef, ...). */
    public Map<String, String> lastSearchParams() {
        return searchParams.get(searchParams.size() - 1);
    }

    /** The decoded authorization header of every call so far ("" when none was sent). */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** Forgets which collections are loaded, as a restarted Milvus would. */
    public void releaseAll() {
        collections.values().forEach(c -> c.loaded = false);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One collection: its schema, rows by id, index parameters and load state. */
    private static final class Collection {
        final CollectionSchema schema;
        final long id;
        final String vectorField;
        final Map<Long, float[]> vectors = new LinkedHashMap<>();
        final Map<String, String> indexParams = new LinkedHashMap<>();
        volatile boolean loaded;

        Collection(CollectionSchema schema, long id) {
            this.schema = schema;
            this.id = id;
            this.vectorField = schema.getFieldsList().stream()
                    .filter(f -> f.getDataType() == io.milvus.grpc.DataType.FloatVector)
                    .map(FieldSchema::getName).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the stand-in needs one float vector field"));
        }
    }

    /** The RPCs. */
    private final class Service extends MilvusServiceGrpc.MilvusServiceImplBase {

        @Override
        public void connect(ConnectRequest request, StreamObserver<ConnectResponse> out) {
            reply(out, ConnectResponse.newBuilder().setStatus(ok()).setIdentifier(clock.incrementAndGet()).build());
        }

        @Override
        public void listDatabases(ListDatabasesRequest request, StreamObserver<ListDatabasesResponse> out) {
            reply(out, ListDatabasesResponse.newBuilder().setStatus(ok()).addDbNames("default").build());
        }

        @Override
        public void hasCollection(HasCollectionRequest request, StreamObserver<BoolResponse> out) {
            reply(out, BoolResponse.newBuilder().setStatus(ok())
                    .setValue(collections.containsKey(request.getCollectionName())).build());
        }

        @Override
        public void createCollection(CreateCollectionRequest request, StreamObserver<Status> out) {
            CollectionSchema schema;
            try {
                schema = CollectionSchema.parseFrom(request.getSchema());
            } catch (InvalidProtocolBufferException e) {
                reply(out, error(ILLEGAL_ARGUMENT, "unreadable schema"));
                return;
            }
            Collection created = new Collection(schema, clock.incrementAndGet());
            Status status = collections.putIfAbsent(request.getCollectionName(), created) == null ? ok()
                    : error(ILLEGAL_ARGUMENT, "collection already exists: " + request.getCollectionName());
            reply(out, status);
        }

        @Override
        public void describeCollection(DescribeCollectionRequest request, StreamObserver<DescribeCollectionResponse> out) {
            Collection c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(out, DescribeCollectionResponse.newBuilder().setStatus(notFound(request.getCollectionName())).build());
                return;
            }
            reply(out, DescribeCollectionResponse.newBuilder().setStatus(ok()).setSchema(c.schema)
                    .setCollectionID(c.id).setCollectionName(request.getCollectionName()).setDbName("default").build());
        }

        @Override
        public void dropCollection(DropCollectionRequest request, StreamObserver<Status> out) {
            reply(out, collections.remove(request.getCollectionName()) != null ? ok() : notFound(request.getCollectionName()));
        }

        @Override
        public void insert(InsertRequest request, StreamObserver<MutationResult> out) {
            insertCalls.incrementAndGet();
            Collection c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(out, MutationResult.newBuilder().setStatus(notFound(request.getCollectionName())).build());
                return;
            }
            List<Long> ids = null;
            FloatArray values = null;
            int dim = 0;
            for (FieldData field : request.getFieldsDataList()) {
                if (field.getFieldName().equals(c.vectorField)) {
                    values = field.getVectors().getFloatVector();
                    dim = (int) field.getVectors().getDim();
                } else if (field.hasScalars() && field.getScalars().hasLongData()) {
                    ids = field.getScalars().getLongData().getDataList();
                }
            }
            if (ids == null || values == null || values.getDataCount() != ids.size() * dim) {
                reply(out, MutationResult.newBuilder().setStatus(error(ILLEGAL_ARGUMENT, "need int64 ids and "
                        + c.vectorField + " of matching length")).build());
                return;
            }
            synchronized (c) {
                for (int r = 0; r < ids.size(); r++) {
                    float[] v = new float[dim];
                    for (int i = 0; i < dim; i++) {
                        v[i] = values.getData(r * dim + i);
                    }
                    c.vectors.put(ids.get(r), v);
                }
            }
            reply(out, MutationResult.newBuilder().setStatus(ok()).setInsertCnt(ids.size())
                    .setIDs(IDs.newBuilder().setIntId(LongArray.newBuilder().addAllData(ids))).setTimestamp(clock.incrementAndGet())
                    .build());
        }

        @Override
        public void flush(FlushRequest request, StreamObserver<FlushResponse> out) {
            FlushResponse.Builder response = FlushResponse.newBuilder().setStatus(ok()).setDbName("default");
            for (String name : request.getCollectionNamesList()) {
                if (!collections.containsKey(name)) {
                    reply(out, FlushResponse.newBuilder().setStatus(notFound(name)).build());
                    return;
                }
                response.putCollSegIDs(name, LongArray.newBuilder().addData(1).build())
                        .putCollFlushTs(name, clock.incrementAndGet());
            }
            reply(out, response.build());
        }

        @Override
        public void getFlushState(GetFlushStateRequest request, StreamObserver<GetFlushStateResponse> out) {
            reply(out, GetFlushStateResponse.newBuilder().setStatus(ok()).setFlushed(true).build());
        }

        @Override
        public void allocTimestamp(AllocTimestampRequest request, StreamObserver<AllocTimestampResponse> out) {
            reply(out, AllocTimestampResponse.newBuilder().setStatus(ok()).setTimestamp(clock.incrementAndGet()).build());
        }

        @Override
        public void createIndex(CreateIndexRequest request, StreamObserver<Status> out) {
            Collection c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(out, notFound(request.getCollectionName()));
                return;
            }
            c.indexParams.clear();
            request.getExtraParamsList().forEach(kv -> c.indexParams.put(kv.getKey(), kv.getValue()));
            reply(out, ok());
        }

        @Override
        public void describeIndex(DescribeIndexRequest request, StreamObserver<DescribeIndexResponse> out) {
            Collection c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(out, DescribeIndexResponse.newBuilder().setStatus(notFound(request.getCollectionName())).build());
                return;
            }
            IndexDescription.Builder index = IndexDescription.newBuilder().setFieldName(c.vectorField)
                    .setIndexName(c.vectorField).setState(IndexState.Finished)
                    .setTotalRows(c.vectors.size()).setIndexedRows(c.vectors.size());
            c.indexParams.forEach((k, v) -> index.addParams(KeyValuePair.newBuilder().setKey(k).setValue(v)));
            reply(out, DescribeIndexResponse.newBuilder().setStatus(ok()).addIndexDescriptions(index).build());
        }

        @Override
        public void loadCollection(LoadCollectionRequest request, StreamObserver<Status> out) {
            Collection c = collections.get(request.getCollectionName());
            if (c == null) {
                reply(out, notFound(request.getCollectionName()));
                return;
            }
            c.loaded = true;
            reply(out, ok());
        }

        @Override
        public void getLoadingProgress(GetLoadingProgressRequest request, StreamObserver<GetLoadingProgressResponse> out) {
            Collection c = collections.get(request.getCollectionName());
            reply(out, c == null ? GetLoadingProgressResponse.newBuilder().setStatus(notFound(request.getCollectionName())).build()
                    : GetLoadingProgressResponse.newBuilder().setStatus(ok()).setProgress(c.loaded ? 100 : 0).build());
        }

        @Override
        public void search(SearchRequest request, StreamObserver<SearchResults> out) {
            searchCalls.incrementAndGet();
            Map<String, String> params = new LinkedHashMap<>();
            request.getSearchParamsList().forEach(kv -> params.put(kv.getKey(), kv.getValue()));
            searchParams.add(params);
            Collection c = collections.get(request.getCollectionName());
            if (c == null || !c.loaded) {
                Status status = c == null ? notFound(request.getCollectionName())
                        : error(COLLECTION_NOT_LOADED, "collection not loaded: " + request.getCollectionName());
                reply(out, SearchResults.newBuilder().setStatus(status).build());
                return;
            }
            String metric = params.getOrDefault("metric_type", c.indexParams.getOrDefault("metric_type", "L2"));
            int topK = Integer.parseInt(params.get("topk"));
            List<float[]> queries;
            try {
                queries = queries(request.getPlaceholderGroup());
            } catch (InvalidProtocolBufferException e) {
                reply(out, SearchResults.newBuilder().setStatus(error(ILLEGAL_ARGUMENT, "unreadable queries")).build());
                return;
            }
            SearchResultData.Builder data = SearchResultData.newBuilder().setNumQueries(queries.size()).setTopK(topK);
            LongArray.Builder ids = LongArray.newBuilder();
            Map<Long, float[]> snapshot;
            synchronized (c) {
                snapshot = new LinkedHashMap<>(c.vectors);
            }
            for (float[] query : queries) {
                boolean larger = !metric.equals("L2");
                Comparator<Map.Entry<Long, Float>> byScore = Comparator.comparingDouble(e -> larger ? -e.getValue() : e.getValue());
                List<Map.Entry<Long, Float>> hits = new ArrayList<>();
                snapshot.forEach((id, v) -> hits.add(Map.entry(id, score(metric, query, v))));
                hits.sort(byScore.thenComparing(Map.Entry::getKey, Comparator.reverseOrder()));
                List<Map.Entry<Long, Float>> top = hits.subList(0, Math.min(topK, hits.size()));
                top.forEach(h -> {
                    ids.addData(h.getKey());
                    data.addScores(h.getValue());
                });
                data.addTopks(top.size());
            }
            data.setIds(IDs.newBuilder().setIntId(ids));
            reply(out, SearchResults.newBuilder().setStatus(ok()).setResults(data).setCollectionName(request.getCollectionName())
                    .build());
        }
    }

    private static List<float[]> queries(ByteString placeholders) throws InvalidProtocolBufferException {
        List<float[]> queries = new ArrayList<>();
        for (ByteString bytes : PlaceholderGroup.parseFrom(placeholders).getPlaceholders(0).getValuesList()) {
            ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] q = new float[bytes.size() / Float.BYTES];
            buffer.asFloatBuffer().get(q);
            queries.add(q);
        }
        return queries;
    }

    private static float score(String metric, float[] a, float[] b) {
        double dot = 0;
        double l2 = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return (float) switch (metric) {
            case "L2" -> l2;
            case "IP" -> dot;
            case "COSINE" -> dot / Math.sqrt(na * nb);
            default -> throw new IllegalArgumentException("stand-in knows L2, IP, COSINE; got " + metric);
        };
    }

    private static <T> void reply(StreamObserver<T> out, T response) {
        out.onNext(response);
        out.onCompleted();
    }

    private static Status ok() {
        return Status.newBuilder().setCode(0).build();
    }

    private static Status notFound(String collection) {
        return error(COLLECTION_NOT_FOUND, "collection not found[collection=" + collection + "]");
    }

    private static Status error(int code, String reason) {
        return Status.newBuilder().setCode(code).setReason(reason)
                .setErrorCode(io.milvus.grpc.ErrorCode.UnexpectedError).build();
    }
}
