package io.mdfe.eval;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.GetEvaluationRequest;
import io.mdfe.proto.eval.JobState;
import io.mdfe.proto.eval.ListEvaluationsRequest;
import io.mdfe.proto.eval.Phase;
import io.mdfe.proto.eval.Progress;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import io.mdfe.proto.eval.StreamProgressRequest;
import io.mdfe.proto.eval.Trigger;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval-service's gRPC API through a real grpc-java channel: an untrained demo bundle evaluated on the
 * demo UnED data, its progress streamed, its results compared with core's {@link UnedBenchmark} run
 * directly on the same inputs, and the error statuses.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
class EvaluationGrpcTest {

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "mdfe.eval.uned-root")
    Path unedRoot;

    @ConfigProperty(name = "mdfe.eval.allowed-root")
    Path allowedRoot;

    @ConfigProperty(name = "mdfe.eval.batch-size")
    int batchSize;

    @TempDir
    Path elsewhere;

    private ManagedChannel channel;
    private EvalServiceGrpc.EvalServiceBlockingStub eval;
    private Path bundle;

    @BeforeEach
    void setUp() throws Exception {
        DemoFixture.unedData(unedRoot);
        bundle = DemoFixture.bundle(allowedRoot.resolve("bundles/grpc"), new ModelIds("grpc-run", "step-0"));
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        eval = EvalServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, SECONDS);
    }

    @Test
    void evaluationsStreamTheirProgressAndScoreLikeCoresBenchmark() throws Exception {
        // The merged job occupies the single worker, so the separate job is streamed from QUEUED on.
        String merged = evaluate(EvaluateRequest.newBuilder().setBundleUri(bundle.toUri().toString())
                .setDataRoot(unedRoot.toString()).build());
        String separate = evaluate(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .setProtocol(Protocol.PROTOCOL_SEPARATE).build());

        List<Progress> stream = new ArrayList<>();
        eval.withDeadlineAfter(300, SECONDS).streamProgress(StreamProgressRequest.newBuilder()
                .setEvaluationId(separate).build()).forEachRemaining(stream::add);
        Progress last = stream.get(stream.size() - 1);
        assertEquals(JobState.JOB_STATE_QUEUED, stream.get(0).getState(), "streamed from the queue: " + stream);
        assertEquals(JobState.JOB_STATE_SUCCEEDED, last.getState(), stream.toString());
        assertEquals(Phase.PHASE_DONE, last.getPhase());
        assertTrue(stream.stream().anyMatch(p -> p.getPhase() == Phase.PHASE_EMBEDDING), stream.toString());
        assertTrue(stream.stream().anyMatch(p -> p.getPhase() == Phase.PHASE_SEARCHING), stream.toString());
        for (int i = 1; i < stream.size(); i++) {
            assertTrue(stream.get(i).getImagesEmbedded() >= stream.get(i - 1).getImagesEmbedded(), stream.toString());
        }

        Evaluation mergedResult = awaitFinished(merged);
        Evaluation separateResult = awaitFinished(separate);
        assertEquals(Trigger.TRIGGER_API, mergedResult.getTrigger());
        assertEquals("grpc-run", mergedResult.getModel().getModelId());
        assertEquals(Split.SPLIT_VAL, mergedResult.getRequest().getSplit(), "default split");
        assertEquals("exact", mergedResult.getRequest().getIndexBackend(), "default backend");
        assertTrue(Files.isRegularFile(Path.of(mergedResult.getResultsCsv())), mergedResult.getResultsCsv());
        assertTrue(Files.size(Path.of(mergedResult.getResultsPng())) > 0, mergedResult.getResultsPng());
        assertTrue(mergedResult.getTimings().getEmbedSeconds() > 0);
        assertTrue(mergedResult.getTimings().getFinished().getSeconds() > 0);

        try (NDManager manager = NDManager.newBaseManager();
             ModelBundle loaded = ModelBundle.load(bundle, bundle, manager)) {
            assertMatches(direct(loaded, UnedProtocol.MERGED, last), mergedResult);
            assertMatches(direct(loaded, UnedProtocol.SEPARATE, last), separateResult);
        }

        List<String> listed = eval.listEvaluations(ListEvaluationsRequest.getDefaultInstance()).getEvaluationsList()
                .stream().map(Evaluation::getEvaluationId).toList();
        assertTrue(listed.indexOf(separate) >= 0 && listed.indexOf(separate) < listed.indexOf(merged),
                "newest first: " + listed);
    }

    /** Core's benchmark on the same bundle and data, at the service's batch size, with exact search. */
    private EvaluationTable direct(ModelBundle loaded, UnedProtocol protocol, Progress streamed) throws Exception {
        UnedBenchmark benchmark = new UnedBenchmark(UnedDataset.open(unedRoot), new RetrievalEvaluator(
                IndexRegistry.local().factory("exact"), Map.of(), RetrievalEvaluator.unedMetrics()),
                "grpc-run", "step-0", Metric.EUCLIDEAN);
        EvaluationSet set = benchmark.set(UnedSplit.VAL, protocol, List.of());
        if (protocol == UnedProtocol.SEPARATE) {
            assertEquals(benchmark.imagesToEmbed(set), streamed.getImagesTotal());
            assertEquals(streamed.getImagesTotal(), streamed.getImagesEmbedded());
        }
        return benchmark.run(set, new BundleEmbeddings(loaded, batchSize, 2, ModelBundle.maxImagePixels(loaded.dir()), n -> { }));
    }

    private static void assertMatches(EvaluationTable expected, Evaluation actual) {
        assertEquals(4, expected.domains().size(), "the demo data has 4 domains");
        assertEquals(expected.domains().size(), actual.getDomainsCount());
        for (int i = 0; i < expected.domains().size(); i++) {
            DomainResult want = expected.domains().get(i);
            io.mdfe.proto.eval.DomainResult got = actual.getDomains(i);
            assertEquals(want.domain(), got.getDomain());
            assertEquals(want.queries(), got.getQueries());
            assertEquals(want.indexItems(), got.getIndexItems());
            assertEquals(want.loneQueries(), got.getLoneQueries());
            assertEquals(want.metrics().keySet(), got.getMetricsMap().keySet());
            want.metrics().forEach((name, value) -> assertEquals(value, got.getMetricsMap().get(name), 1e-9,
                    want.domain() + " " + name));
        }
        expected.mean().forEach((name, value) -> assertEquals(value, actual.getMeanMap().get(name), 1e-9, name));
    }

    @Test
    void unknownEvaluationsAreNotFound() {
        StatusRuntimeException get = assertThrows(StatusRuntimeException.class, () -> eval.getEvaluation(
                GetEvaluationRequest.newBuilder().setEvaluationId("no-such-job").build()));
        assertEquals(Status.Code.NOT_FOUND, get.getStatus().getCode());
        assertTrue(get.getStatus().getDescription().contains("no-such-job"), get.getStatus().getDescription());
        StatusRuntimeException stream = assertThrows(StatusRuntimeException.class, () -> eval.withDeadlineAfter(30,
                SECONDS).streamProgress(StreamProgressRequest.newBuilder().setEvaluationId("no-such-job").build())
                .forEachRemaining(p -> { }));
        assertEquals(Status.Code.NOT_FOUND, stream.getStatus().getCode());
    }

    @Test
    void aDataRootOutsideTheAllowedRootIsDenied() throws Exception {
        DemoFixture.unedData(elsewhere.resolve("uned"));
        StatusRuntimeException e = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .setDataRoot(elsewhere.resolve("uned").toString()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("data_root: '" + elsewhere.resolve("uned")
                + "' is not inside the allowed roots (mdfe.eval.allowed-root)"), e.getStatus().getDescription());

        // A link under the allowed root that points outside is refused as well.
        Path link = allowedRoot.resolve("link-" + System.nanoTime());
        Files.createSymbolicLink(link, elsewhere.resolve("uned"));
        try {
            StatusRuntimeException viaLink = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                    .setDataRoot(link.toString()));
            assertEquals(Status.Code.PERMISSION_DENIED, viaLink.getStatus().getCode());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aMissingBundleIsAFailedPreconditionNamingTheFile() throws Exception {
        Path empty = Files.createDirectories(bundle.resolveSibling("not-a-bundle"));
        StatusRuntimeException e = refused(EvaluateRequest.newBuilder().setBundleUri(empty.toUri().toString()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains(empty.toRealPath().resolve("bundle.json").toString()),
                e.getStatus().getDescription());

        StatusRuntimeException absent = refused(EvaluateRequest.newBuilder()
                .setBundleUri(bundle.resolveSibling("gone").toString()));
        assertEquals(Status.Code.FAILED_PRECONDITION, absent.getStatus().getCode());
        assertTrue(absent.getStatus().getDescription().contains(bundle.resolveSibling("gone").toString()));
    }

    @Test
    void badFieldsAreInvalidAndNameTheField() {
        StatusRuntimeException domain = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .addDomains("at/lantis"));
        assertEquals(Status.Code.INVALID_ARGUMENT, domain.getStatus().getCode());
        assertTrue(domain.getStatus().getDescription().startsWith("domains: 'at/lantis' is not a usable domain name"),
                domain.getStatus().getDescription());

        StatusRuntimeException absent = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .addDomains("atlantis"));
        assertEquals(Status.Code.FAILED_PRECONDITION, absent.getStatus().getCode(), "any folder could be a domain");
        assertTrue(absent.getStatus().getDescription().contains("'atlantis' is not on disk"),
                absent.getStatus().getDescription());

        StatusRuntimeException notOnDisk = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .addDomains("cars"));
        assertEquals(Status.Code.FAILED_PRECONDITION, notOnDisk.getStatus().getCode(), "the demo data has no cars");
        assertTrue(notOnDisk.getStatus().getDescription().contains("'cars' is not on disk"),
                notOnDisk.getStatus().getDescription());

        StatusRuntimeException backend = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .setIndexBackend("faiss"));
        assertEquals(Status.Code.INVALID_ARGUMENT, backend.getStatus().getCode());
        assertTrue(backend.getStatus().getDescription().startsWith("index_backend: unknown index backend 'faiss'"));

        StatusRuntimeException metric = refused(EvaluateRequest.newBuilder().setBundleUri(bundle.toString())
                .setMetric("manhattan"));
        assertEquals(Status.Code.INVALID_ARGUMENT, metric.getStatus().getCode());
        assertTrue(metric.getStatus().getDescription().startsWith("metric: unknown value 'manhattan'"));

        StatusRuntimeException uri = refused(EvaluateRequest.newBuilder().setBundleUri("s3://bucket/bundle"));
        assertEquals(Status.Code.INVALID_ARGUMENT, uri.getStatus().getCode());
        assertTrue(uri.getStatus().getDescription().startsWith("bundle_uri: "));
    }

    private StatusRuntimeException refused(EvaluateRequest.Builder request) {
        return assertThrows(StatusRuntimeException.class,
                () -> eval.withDeadlineAfter(60, SECONDS).evaluate(request.build()));
    }

    private String evaluate(EvaluateRequest request) {
        return eval.withDeadlineAfter(60, SECONDS).evaluate(request).getEvaluationId();
    }

    private Evaluation awaitFinished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            Evaluation e = eval.getEvaluation(GetEvaluationRequest.newBuilder().setEvaluationId(id).build());
            if (e.getProgress().getState() == JobState.JOB_STATE_SUCCEEDED) {
                return e;
            }
            assertTrue(e.getProgress().getState() != JobState.JOB_STATE_FAILED, e.getError());
            Thread.sleep(100);
        }
        throw new AssertionError("evaluation " + id + " did not finish in 300 s");
    }
}
