package io.mdfe.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdfe.core.concurrent.Cancellation;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.milvus.MilvusConnection;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.index.AddVectorsRequest;
import io.mdfe.proto.index.AddVectorsResponse;
import io.mdfe.proto.index.BuildRequest;
import io.mdfe.proto.index.BuildResponse;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.IndexSpec;
import io.mdfe.proto.index.IndexStats;
import io.mdfe.proto.index.Metric;
import io.mdfe.proto.index.QueryNeighbors;
import io.mdfe.proto.index.SearchRequest;
import io.mdfe.proto.index.SearchResponse;
import io.mdfe.proto.index.StatsRequest;
import io.mdfe.proto.index.Vector;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The index API through a real gRPC client, with the milvus backend against the in-process Milvus
 * stand-in ({@link MilvusStandInResource}): create, stream-add, build, search, stats, reload from the
 * state directory by a second catalogue, delete, and the error statuses.
 */
@QuarkusTest
@WithTestResource(MilvusStandInResource.class)
class IndexGrpcServiceTest {

    private static final int DIM = 4;

    @TestHTTPResource("/")
    URL root;

    private ManagedChannel channel;
    private IndexServiceGrpc.IndexServiceBlockingStub index;

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        index = IndexServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, SECONDS);
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, SECONDS);
    }

    @Test
    void createAddBuildSearchReloadDelete() throws Exception {
        float[][] data = random(100, 1);
        IndexStats created = index.createIndex(create("products", "milvus", Metric.EUCLIDEAN,
                Map.of("index_type", "HNSW", "M", "8", "insert_batch", "16")));
        assertEquals("mdfe_products", created.getParamsMap().get("collection"));
        assertFalse(created.getBuilt());
        assertEquals(0, created.getSize());

        AddVectorsResponse added = addStream(List.of(add("products", data, 0, 40), add("", data, 40, 80),
                add("products", data, 80, 100)));
        assertEquals(100, added.getAdded());
        assertEquals(100, added.getSize());

        assertStatus(Status.Code.FAILED_PRECONDITION, "not built yet",
                () -> index.search(search("products", 3, data[0])));

        BuildResponse built = index.build(BuildRequest.newBuilder().setName("products").build());
        assertEquals(100, built.getVectors());
        assertEquals(100L * (8 + 4 * DIM), built.getBytes());
        assertFalse(built.hasRecallAt1(), "Milvus reports no recall");

        float[][] queries = {data[17], random(1, 2)[0], random(1, 3)[0]};
        SearchResponse found = index.search(search("products", 5, queries));
        assertEquals(3, found.getResultsCount());
        assertEquals(17, found.getResults(0).getIds(0));
        assertEquals(0f, found.getResults(0).getDistances(0), 1e-6f);
        for (int q = 0; q < queries.length; q++) {
            assertArrayEquals(bruteForce(data, queries[q], 5), ids(found.getResults(q)), "query " + q);
        }

        IndexStats stats = index.stats(StatsRequest.newBuilder().setName("products").build());
        assertTrue(stats.getBuilt());
        assertEquals(100, stats.getSize());
        assertEquals("milvus", stats.getBackend());
        assertEquals(DIM, stats.getSpec().getDim());
        assertEquals(Metric.EUCLIDEAN, stats.getSpec().getMetric());
        assertEquals("8", stats.getParamsMap().get("M"));

        try (IndexCatalogue restarted = secondCatalogue()) {
            IndexInfo info = restarted.info("products");
            assertTrue(info.built());
            assertEquals(100, info.size());
            Neighbors again = restarted.search("products", data[17], 1, 5, Cancellation.NONE);
            assertArrayEquals(ids(found.getResults(0)), again.ids());
        }

        index.delete(DeleteRequest.newBuilder().setName("products").build());
        assertStatus(Status.Code.NOT_FOUND, "no index named 'products'",
                () -> index.stats(StatsRequest.newBuilder().setName("products").build()));
        assertFalse(Files.exists(stateDir().resolve("indexes").resolve("products")));
        try (IndexCatalogue restarted = secondCatalogue()) {
            assertThrows(IndexNotFoundException.class, () -> restarted.info("products"));
        }
    }

    @Test
    void unknownIndexIsNotFound() {
        assertStatus(Status.Code.NOT_FOUND, "no index named 'nope'", () -> index.stats(StatsRequest.newBuilder().setName("nope").build()));
        assertStatus(Status.Code.NOT_FOUND, "nope", () -> index.build(BuildRequest.newBuilder().setName("nope").build()));
        assertStatus(Status.Code.NOT_FOUND, "nope", () -> index.search(search("nope", 1, new float[DIM])));
        assertStatus(Status.Code.NOT_FOUND, "nope", () -> index.delete(DeleteRequest.newBuilder().setName("nope").build()));
        assertStatus(Status.Code.NOT_FOUND, "nope", () -> addStream(List.of(add("nope", random(2, 1), 0, 2))));
    }

    @Test
    void badVectorsAreInvalidArgumentsNamingTheirPosition() {
        index.createIndex(create("bad-vectors", "milvus", Metric.ANGULAR, Map.of()));
        float[][] data = random(5, 4);
        float[][] narrow = {new float[DIM - 1]};
        assertStatus(Status.Code.INVALID_ARGUMENT, "vector 3 has 3 values; index 'bad-vectors' holds 4-d vectors",
                () -> addStream(List.of(add("bad-vectors", data, 0, 3), add("", narrow, 0, 1))));
        float[][] withNan = random(2, 5);
        withNan[1][2] = Float.NaN;
        assertStatus(Status.Code.INVALID_ARGUMENT, "vector 1 has NaN at position 2 (index 'bad-vectors')",
                () -> addStream(List.of(add("bad-vectors", withNan, 0, 2))));

        addStream(List.of(add("bad-vectors", data, 0, 5)));
        index.build(BuildRequest.newBuilder().setName("bad-vectors").build());
        assertStatus(Status.Code.INVALID_ARGUMENT, "query 1 has 3 values",
                () -> index.search(search("bad-vectors", 2, data[0], new float[DIM - 1])));
        assertStatus(Status.Code.INVALID_ARGUMENT, "k must be >= 1", () -> index.search(search("bad-vectors", 0, data[0])));
        assertStatus(Status.Code.FAILED_PRECONDITION, "takes no more vectors",
                () -> addStream(List.of(add("bad-vectors", data, 0, 1))));
        index.delete(DeleteRequest.newBuilder().setName("bad-vectors").build());
    }

    @Test
    void badCreateRequestsAreRefused() {
        assertStatus(Status.Code.INVALID_ARGUMENT, "unknown index backend 'faiss'; known: exact, annoy, milvus",
                () -> index.createIndex(create("x", "faiss", Metric.DOT, Map.of())));
        assertStatus(Status.Code.INVALID_ARGUMENT, "spec.metric is required",
                () -> index.createIndex(create("x", "milvus", Metric.METRIC_UNSPECIFIED, Map.of())));
        assertStatus(Status.Code.INVALID_ARGUMENT, "index name '../x'",
                () -> index.createIndex(create("../x", "milvus", Metric.DOT, Map.of())));
        assertStatus(Status.Code.INVALID_ARGUMENT, "unknown parameter 'nlist'",
                () -> index.createIndex(create("x", "milvus", Metric.DOT, Map.of("nlist", "3"))));
        index.createIndex(create("twice", "milvus", Metric.DOT, Map.of()));
        assertStatus(Status.Code.ALREADY_EXISTS, "'twice' exists already",
                () -> index.createIndex(create("twice", "milvus", Metric.DOT, Map.of())));
        index.delete(DeleteRequest.newBuilder().setName("twice").build());
    }

    private AddVectorsResponse addStream(List<AddVectorsRequest> messages) throws StatusRuntimeException {
        CompletableFuture<AddVectorsResponse> answer = new CompletableFuture<>();
        StreamObserver<AddVectorsRequest> requests = IndexServiceGrpc.newStub(channel).withDeadlineAfter(60, SECONDS)
                .addVectors(new StreamObserver<>() {
                    @Override
                    public void onNext(AddVectorsResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("stream ended without a response"));
                    }
                });
        messages.forEach(requests::onNext);
        requests.onCompleted();
        try {
            return answer.get(60, SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StatusRuntimeException s ? s : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IndexCatalogue secondCatalogue() throws java.io.IOException {
        MilvusConnection milvus = new MilvusConnection(System.getProperty(MilvusStandInResource.URI),
                System.getProperty(MilvusStandInResource.TOKEN), null, null, null);
        return new IndexCatalogue(stateDir(), IndexRegistry.standard(milvus));
    }

    private static Path stateDir() {
        return Path.of(System.getProperty(MilvusStandInResource.STATE_DIR));
    }

    private static CreateIndexRequest create(String name, String backend, Metric metric, Map<String, String> params) {
        return CreateIndexRequest.newBuilder().setName(name).setBackend(backend).putAllParams(params)
                .setSpec(IndexSpec.newBuilder().setModel(ModelRef.newBuilder().setModelId("vit-b16").setVersion("3"))
                        .setDim(DIM).setMetric(metric))
                .build();
    }

    private static AddVectorsRequest add(String name, float[][] data, int from, int to) {
        AddVectorsRequest.Builder request = AddVectorsRequest.newBuilder().setName(name);
        for (int r = from; r < to; r++) {
            request.addVectors(vector(data[r]));
        }
        return request.build();
    }

    private static SearchRequest search(String name, int k, float[]... queries) {
        SearchRequest.Builder request = SearchRequest.newBuilder().setName(name).setK(k);
        Arrays.stream(queries).forEach(q -> request.addQueries(vector(q)));
        return request.build();
    }

    private static Vector vector(float[] values) {
        Vector.Builder v = Vector.newBuilder();
        for (float x : values) {
            v.addValues(x);
        }
        return v.build();
    }

    private static int[] ids(QueryNeighbors row) {
        return row.getIdsList().stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] bruteForce(float[][] data, float[] query, int k) {
        double[] distance = new double[data.length];
        for (int r = 0; r < data.length; r++) {
            for (int i = 0; i < DIM; i++) {
                distance[r] += (data[r][i] - query[i]) * (double) (data[r][i] - query[i]);
            }
        }
        return IntStream.range(0, data.length).boxed().sorted((a, b) -> Double.compare(distance[a], distance[b]))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static float[][] random(int rows, long seed) {
        Random random = new Random(seed);
        float[][] values = new float[rows][DIM];
        for (float[] row : values) {
            for (int i = 0; i < DIM; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return values;
    }

    private static void assertStatus(Status.Code code, String messagePart, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status of: " + e.getStatus());
        assertTrue(e.getStatus().getDescription() != null && e.getStatus().getDescription().contains(messagePart),
                () -> "'" + messagePart + "' in: " + e.getStatus().getDescription());
    }
}
