package io.mdfe.eval;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.GetEvaluationRequest;
import io.mdfe.proto.eval.ListEvaluationsRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input for {@code mdfe.eval.v1.EvalService}. Bundles must lie in {@code mdfe.artifact-roots} and data
 * in {@code mdfe.eval.allowed-root}; the checkpoint events go through the same checks as Evaluate
 * ({@link io.mdfe.eval.grpc.EvaluationRequests}).
 *
 * <ul>
 *   <li>Evaluate: bundle_uri outside the roots, existing and missing (same status and message), by {@code ..},
 *       by a symlink inside the roots, absolute vs relative, non-file URIs, an oversized URI; data_root the same
 *       way; unknown domains and an oversized domain name; an unknown backend and metric; index_params over the
 *       {@code mdfe.eval.index-limits} caps (n_trees, threads, search_k, recall_sample) or not integers.</li>
 *   <li>GetEvaluation, StreamProgress: unknown and oversized ids.</li>
 * </ul>
 * Each answers within a time limit, and no refused request leaves a job behind.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
class EvalServiceHostileInputTest {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = "mdfe.eval.uned-root")
    Path unedRoot;

    @ConfigProperty(name = "mdfe.eval.allowed-root")
    Path allowedRoot;

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
        eval = EvalServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, SECONDS);
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, SECONDS);
    }

    @Test
    void evaluateRefusesBundlesOutsideTheArtifactRootsAlikeWhetherOrNotTheyExist() throws Exception {
        int jobs = jobCount();
        Path evil = DemoFixture.bundle(elsewhere.resolve("evil"), new ModelIds("evil", "1"));
        String existing = refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ", request(evil.toString()));
        String missing = refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ",
                request(elsewhere.resolve("nothing").toString()));
        assertEquals(existing.replace("evil", "X"), missing.replace("nothing", "X"));
        refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ", request(evil.toUri().toString()));
        refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ", request(bundle + "/../../../../../../../../" + evil));
        refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ", request("/etc"));
        Path link = bundle.resolveSibling("link-" + System.nanoTime());
        Files.createSymbolicLink(link, evil);
        try {
            refused(Status.Code.PERMISSION_DENIED, "bundle_uri: ", request(link.toString()));
        } finally {
            Files.delete(link);
        }
        refused(Status.Code.INVALID_ARGUMENT, "bundle_uri", request("relative/bundle"));
        refused(Status.Code.INVALID_ARGUMENT, "bundle_uri", request("https://example.com/bundle"));
        refused(Status.Code.INVALID_ARGUMENT, "bundle_uri", request(""));
        refused(Status.Code.PERMISSION_DENIED, "bundle_uri", request("/" + "b".repeat(200_000)));
        refused(Status.Code.FAILED_PRECONDITION, "bundle_uri", request(bundle.resolveSibling("gone").toString()));
        assertEquals(jobs, jobCount(), "refused requests leave no job");
    }

    @Test
    void evaluateRefusesDataRootsOutsideTheAllowedRootAndBadNames() throws Exception {
        int jobs = jobCount();
        String existing = refused(Status.Code.PERMISSION_DENIED, "data_root: ",
                request(bundle.toString()).setDataRoot(elsewhere.toString()));
        String missing = refused(Status.Code.PERMISSION_DENIED, "data_root: ",
                request(bundle.toString()).setDataRoot(elsewhere.resolve("none").toString()));
        assertEquals(existing, missing.replace("/none", ""));
        refused(Status.Code.PERMISSION_DENIED, "data_root: ",
                request(bundle.toString()).setDataRoot(unedRoot + "/../../../../../../../../etc"));
        refused(Status.Code.INVALID_ARGUMENT, "data_root", request(bundle.toString()).setDataRoot("uned"));
        refused(Status.Code.INVALID_ARGUMENT, "domains", request(bundle.toString()).addDomains("../../etc"));
        refused(Status.Code.INVALID_ARGUMENT, "domains", request(bundle.toString()).addDomains("d".repeat(100_000)));
        refused(Status.Code.INVALID_ARGUMENT, "index_backend", request(bundle.toString()).setIndexBackend("faiss"));
        refused(Status.Code.INVALID_ARGUMENT, "metric", request(bundle.toString()).setMetric("NaN"));
        assertEquals(jobs, jobCount(), "refused requests leave no job");
    }

    @Test
    void evaluateCapsTheIndexParamsLikeTheIndexService() {
        int jobs = jobCount();
        refused(Status.Code.INVALID_ARGUMENT,
                "index_params.n_trees: 100000000 exceeds the limit 2000 (mdfe.eval.index-limits.max-trees)",
                request(bundle.toString()).setIndexBackend("annoy").putIndexParams("n_trees", "100000000"));
        refused(Status.Code.INVALID_ARGUMENT,
                "index_params.threads: 100000 exceeds the limit 64 (mdfe.eval.index-limits.max-threads)",
                request(bundle.toString()).setIndexBackend("annoy").putIndexParams("threads", "100000"));
        refused(Status.Code.INVALID_ARGUMENT, "index_params.threads: 99999999999 exceeds the limit 64",
                request(bundle.toString()).putIndexParams("threads", "99999999999"));
        refused(Status.Code.INVALID_ARGUMENT, "index_params.search_k: 2147483647 exceeds the limit 10000000"
                        + " (mdfe.eval.index-limits.max-search-k)",
                request(bundle.toString()).setIndexBackend("annoy").putIndexParams("search_k", "2147483647"));
        refused(Status.Code.INVALID_ARGUMENT, "index_params.recall_sample: 1000000 exceeds the limit 100000",
                request(bundle.toString()).setIndexBackend("annoy").putIndexParams("recall_sample", "1000000"));
        refused(Status.Code.INVALID_ARGUMENT, "index_params.n_trees: 'many' is not an integer",
                request(bundle.toString()).setIndexBackend("annoy").putIndexParams("n_trees", "many"));
        assertEquals(jobs, jobCount(), "refused requests leave no job");
    }

    @Test
    void unknownAndOversizedEvaluationIdsAreNotFound() {
        refusedCall(Status.Code.NOT_FOUND, "evaluation_id",
                () -> eval.getEvaluation(GetEvaluationRequest.newBuilder().setEvaluationId("no-such-job").build()));
        refusedCall(Status.Code.NOT_FOUND, "evaluation_id",
                () -> eval.getEvaluation(GetEvaluationRequest.newBuilder().setEvaluationId("../" + "j".repeat(100_000)).build()));
    }

    private EvaluateRequest.Builder request(String bundleUri) {
        return EvaluateRequest.newBuilder().setBundleUri(bundleUri).setDataRoot(unedRoot.toString());
    }

    private int jobCount() {
        return eval.listEvaluations(ListEvaluationsRequest.getDefaultInstance()).getEvaluationsCount();
    }

    private String refused(Status.Code code, String part, EvaluateRequest.Builder request) {
        return refusedCall(code, part, () -> eval.evaluate(request.build()));
    }

    private static String refusedCall(Status.Code code, String part, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> assertTimeoutPreemptively(QUICK, call::execute));
        assertEquals(code, e.getStatus().getCode(), e::toString);
        String description = e.getStatus().getDescription();
        assertTrue(description != null && description.contains(part), description);
        assertTrue(description.length() <= 1100, "descriptions are cut");
        return description;
    }
}
