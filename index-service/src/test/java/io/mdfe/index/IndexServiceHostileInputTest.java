package io.mdfe.index;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.index.AddVectorsRequest;
import io.mdfe.proto.index.AddVectorsResponse;
import io.mdfe.proto.index.BuildRequest;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.IndexSpec;
import io.mdfe.proto.index.IndexStats;
import io.mdfe.proto.index.Metric;
import io.mdfe.proto.index.SearchRequest;
import io.mdfe.proto.index.StatsRequest;
import io.mdfe.proto.index.Vector;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile input for every method of {@code mdfe.index.v1.IndexService}, through a real gRPC client. Each
 * case asserts the status code and a message naming the field (and limit), that the call answers within a
 * time limit, and that nothing is left behind.
 *
 * <ul>
 *   <li>CreateIndex: oversized and path-like names, dim 0 / negative / over the limit, n_trees and threads
 *       search_k and recall_sample over the limit (core's IndexParamLimits, shared with eval-service), zero or negative n_trees, too many unbuilt indexes.</li>
 *   <li>AddVectors: NaN and infinite values, a message over the inbound message size limit, an unknown index.</li>
 *   <li>Search: k 0 / negative / huge, queries x k over the limit (and what would overflow an int), NaN/Inf
 *       queries, an unknown index, a search during a slow build (answered at once), a deadline.</li>
 *   <li>Build: a deadline that passes during a slow build stops it and leaves the index unbuilt and intact.</li>
 *   <li>Stats, Delete: unknown and oversized names.</li>
 * </ul>
 */
@QuarkusTest
@WithTestResource(MilvusStandInResource.class)
class IndexServiceHostileInputTest {

    private static final int DIM = 4;
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URL root;

    private ManagedChannel channel;
    private IndexServiceGrpc.IndexServiceBlockingStub index;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        index = IndexServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, SECONDS);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (String name : created) {
            try {
                index.delete(DeleteRequest.newBuilder().setName(name).build());
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode(), e::toString);
            }
        }
        channel.shutdownNow().awaitTermination(10, SECONDS);
    }

    @Test
    void createIndexRefusesBadNamesDimsAndParameters() {
        assertRefused(Status.Code.INVALID_ARGUMENT, "index name", () -> create("x".repeat(100_000), "exact", DIM, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "index name '../../etc'", () -> create("../../etc", "exact", DIM, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "index name '/abs'", () -> create("/abs", "exact", DIM, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "dim", () -> create("zero-dim", "exact", 0, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "dim", () -> create("negative-dim", "exact", -3, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT, "spec.dim: 1000000 exceeds the limit 4096 (mdfe.index.limits.max-dim)",
                () -> create("huge-dim", "exact", 1_000_000, Map.of()));
        assertRefused(Status.Code.INVALID_ARGUMENT,
                "params.n_trees: 100000000 exceeds the limit 2000 (mdfe.index.limits.max-trees)",
                () -> create("many-trees", "annoy", DIM, Map.of("n_trees", "100000000")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "params.threads: 100000 exceeds the limit 64 (mdfe.index.limits.max-threads)",
                () -> create("many-threads", "annoy", DIM, Map.of("threads", "100000")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "params.threads: 99999999999 exceeds the limit 64",
                () -> create("many-threads", "exact", DIM, Map.of("threads", "99999999999")));
        assertRefused(Status.Code.INVALID_ARGUMENT,
                "params.search_k: 2147483647 exceeds the limit 10000000 (mdfe.index.limits.max-search-k)",
                () -> create("wide-search", "annoy", DIM, Map.of("search_k", "2147483647")));
        assertRefused(Status.Code.INVALID_ARGUMENT,
                "params.recall_sample: 1000000 exceeds the limit 100000 (mdfe.index.limits.max-recall-sample)",
                () -> create("big-sample", "annoy", DIM, Map.of("recall_sample", "1000000")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "n_trees must be >= 1",
                () -> create("no-trees", "annoy", DIM, Map.of("n_trees", "0")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "threads must be >= 1",
                () -> create("no-threads", "annoy", DIM, Map.of("threads", "-2")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "params.n_trees: 'lots' is not an integer",
                () -> create("word-trees", "annoy", DIM, Map.of("n_trees", "lots")));
        for (String name : List.of("zero-dim", "negative-dim", "huge-dim", "many-trees", "many-threads", "wide-search",
                "big-sample", "no-trees")) {
            assertRefused(Status.Code.NOT_FOUND, name, () -> index.stats(StatsRequest.newBuilder().setName(name).build()));
        }
    }

    @Test
    void unbuiltIndexesAreCapped() {
        int made = 0;
        StatusRuntimeException refused = null;
        while (refused == null && made <= 16) {
            String name = "unbuilt-" + made;
            try {
                create(name, "exact", DIM, Map.of());
                created.add(name);
                made++;
            } catch (StatusRuntimeException e) {
                refused = e;
            }
        }
        assertTrue(refused != null, "no cap after " + made + " unbuilt indexes");
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode(), refused::toString);
        assertTrue(refused.getStatus().getDescription().contains("mdfe.index.limits.max-unbuilt"), refused::toString);
        // building one frees a place
        addStream(List.of(add("unbuilt-0", random(3, DIM, 1))));
        index.build(BuildRequest.newBuilder().setName("unbuilt-0").build());
        create("unbuilt-last", "exact", DIM, Map.of());
        created.add("unbuilt-last");
    }

    @Test
    void addVectorsRefusesNonFiniteValuesOversizedMessagesAndUnknownIndexes() {
        create("hostile-add", "exact", DIM, Map.of());
        created.add("hostile-add");
        float[][] rows = random(3, DIM, 2);
        rows[2][1] = Float.POSITIVE_INFINITY;
        assertRefused(Status.Code.INVALID_ARGUMENT, "vector 2 has", () -> addStream(List.of(add("hostile-add", rows))));
        rows[2][1] = Float.NaN;
        assertRefused(Status.Code.INVALID_ARGUMENT, "vector 2 has NaN", () -> addStream(List.of(add("hostile-add", rows))));
        // 5 MiB in one message: over the 4 MiB inbound limit every service sets
        float[][] huge = random(1, 1_310_720, 3);
        StatusRuntimeException tooBig = assertThrows(StatusRuntimeException.class,
                () -> assertTimeoutPreemptively(QUICK, () -> addStream(List.of(add("hostile-add", huge)))));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, tooBig.getStatus().getCode(), tooBig::toString);
        assertRefused(Status.Code.NOT_FOUND, "no-such-index", () -> addStream(List.of(add("no-such-index", rows))));
        assertEquals(0, index.stats(StatsRequest.newBuilder().setName("hostile-add").build()).getSize(),
                "refused rows are not kept");
    }

    @Test
    void searchRefusesBadAndHugeSizesAndNonFiniteQueries() {
        create("hostile-search", "exact", DIM, Map.of());
        created.add("hostile-search");
        addStream(List.of(add("hostile-search", random(50, DIM, 4))));
        index.build(BuildRequest.newBuilder().setName("hostile-search").build());
        float[][] one = random(1, DIM, 5);
        assertRefused(Status.Code.INVALID_ARGUMENT, "k must be >= 1", () -> index.search(search("hostile-search", 0, one)));
        assertRefused(Status.Code.INVALID_ARGUMENT, "k must be >= 1", () -> index.search(search("hostile-search", -5, one)));
        assertRefused(Status.Code.INVALID_ARGUMENT, "k: 2147483647 exceeds the limit 1000 (mdfe.index.limits.max-k)",
                () -> index.search(search("hostile-search", Integer.MAX_VALUE, one)));
        float[][] many = random(1001, DIM, 6);
        assertRefused(Status.Code.INVALID_ARGUMENT,
                "queries x k: 1001000 exceeds the limit 1000000 (mdfe.index.limits.max-results)",
                () -> index.search(search("hostile-search", 1000, many)));
        float[][] tooMany = random(10_001, DIM, 7);
        assertRefused(Status.Code.INVALID_ARGUMENT, "queries: 10001 exceeds the limit 10000 (mdfe.index.limits.max-queries)",
                () -> index.search(search("hostile-search", 1, tooMany)));
        float[][] nan = random(2, DIM, 8);
        nan[1][0] = Float.NaN;
        assertRefused(Status.Code.INVALID_ARGUMENT, "query 1", () -> index.search(search("hostile-search", 3, nan)));
        assertRefused(Status.Code.NOT_FOUND, "no-such-index", () -> index.search(search("no-such-index", 3, one)));
        assertEquals(3, index.search(search("hostile-search", 3, one)).getResults(0).getIdsCount(), "still serves");
    }

    @Test
    void aSlowBuildStopsAtItsDeadlineAndNeverBlocksSearches() throws Exception {
        String name = "slow-build";
        create(name, "annoy", 16, Map.of("n_trees", "2000", "threads", "1", "recall_sample", "0", "seed", "7"));
        created.add(name);
        float[][] data = random(20_000, 16, 9);
        List<AddVectorsRequest> messages = new ArrayList<>();
        for (int from = 0; from < data.length; from += 5000) {
            messages.add(add(name, java.util.Arrays.copyOfRange(data, from, from + 5000)));
        }
        addStream(messages);

        long start = System.nanoTime();
        CompletableFuture<StatusRuntimeException> build = CompletableFuture.supplyAsync(() -> assertThrows(
                StatusRuntimeException.class, () -> IndexServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(1500, MILLISECONDS).build(BuildRequest.newBuilder().setName(name).build())));
        Thread.sleep(500);
        // a search during the build answers at once instead of waiting for it
        long searchStart = System.nanoTime();
        assertRefused(Status.Code.FAILED_PRECONDITION, "index 'slow-build' is being built",
                () -> IndexServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, SECONDS)
                        .search(search(name, 5, random(1, 16, 10))));
        assertTrue(System.nanoTime() - searchStart < 900_000_000L, "the search waited for the build");

        StatusRuntimeException late = build.get(30, SECONDS);
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode(), late::toString);
        // the server stops too: the index is free again (Delete is refused while a build runs) soon after
        // the deadline, long before 2000 trees over 20000 vectors could be built
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            while (true) {
                try {
                    IndexStats stats = index.stats(StatsRequest.newBuilder().setName(name).build());
                    assertFalse(stats.getBuilt(), "a cancelled build leaves the index unbuilt");
                    assertEquals(20_000, stats.getSize(), "and keeps its vectors");
                    index.delete(DeleteRequest.newBuilder().setName(name).build());
                    return;
                } catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e::toString);
                    Thread.sleep(50);
                }
            }
        });
        System.out.printf("slow build: cancelled and released %d ms after it started (deadline 1500 ms)%n",
                (System.nanoTime() - start) / 1_000_000);
        Path saved = Path.of(System.getProperty(MilvusStandInResource.STATE_DIR)).resolve("indexes").resolve(name);
        assertFalse(Files.exists(saved), "nothing saved for a cancelled build");
    }

    @Test
    void statsAndDeleteRefuseUnknownAndOversizedNames() {
        String huge = "y".repeat(1_000_000);
        assertRefused(Status.Code.NOT_FOUND, "no index named 'nope'", () -> index.stats(StatsRequest.newBuilder().setName("nope").build()));
        assertRefused(Status.Code.NOT_FOUND, "no index named", () -> index.delete(DeleteRequest.newBuilder().setName(huge).build()));
        assertRefused(Status.Code.NOT_FOUND, "no index named", () -> index.build(BuildRequest.newBuilder().setName("../x").build()));
    }

    private IndexStats create(String name, String backend, int dim, Map<String, String> params) {
        return index.createIndex(CreateIndexRequest.newBuilder().setName(name).setBackend(backend).putAllParams(params)
                .setSpec(IndexSpec.newBuilder().setModel(ModelRef.newBuilder().setModelId("m").setVersion("1"))
                        .setDim(dim).setMetric(Metric.EUCLIDEAN)).build());
    }

    private AddVectorsResponse addStream(List<AddVectorsRequest> messages) {
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

    private static AddVectorsRequest add(String name, float[][] rows) {
        AddVectorsRequest.Builder request = AddVectorsRequest.newBuilder().setName(name);
        for (float[] row : rows) {
            request.addVectors(vector(row));
        }
        return request.build();
    }

    private static SearchRequest search(String name, int k, float[][] queries) {
        SearchRequest.Builder request = SearchRequest.newBuilder().setName(name).setK(k);
        for (float[] q : queries) {
            request.addQueries(vector(q));
        }
        return request.build();
    }

    private static Vector vector(float[] values) {
        Vector.Builder v = Vector.newBuilder();
        for (float x : values) {
            v.addValues(x);
        }
        return v.build();
    }

    private static float[][] random(int rows, int dim, long seed) {
        Random random = new Random(seed);
        float[][] values = new float[rows][dim];
        for (float[] row : values) {
            for (int i = 0; i < dim; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return values;
    }

    /** The call fails within {@link #QUICK} with {@code code} and a description containing {@code part}. */
    private static void assertRefused(Status.Code code, String part, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> assertTimeoutPreemptively(QUICK, call::execute));
        assertEquals(code, e.getStatus().getCode(), () -> "status of: " + e.getStatus());
        assertTrue(e.getStatus().getDescription() != null && e.getStatus().getDescription().contains(part),
                () -> "'" + part + "' in: " + e.getStatus().getDescription());
    }
}
