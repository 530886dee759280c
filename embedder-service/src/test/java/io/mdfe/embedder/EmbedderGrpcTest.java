package io.mdfe.embedder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.mdfe.proto.common.ImageRef;
import io.mdfe.proto.embedder.EmbedRequest;
import io.mdfe.proto.embedder.EmbedResponse;
import io.mdfe.proto.embedder.EmbedResult;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.embedder.LoadModelRequest;
import io.mdfe.proto.embedder.ModelInfo;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The EmbedderService API through a real grpc-java channel: vectors checked against the named model
 * computed in-process, per-item errors, call-level errors, model switching, streaming and metrics.
 */
@QuarkusTest
@QuarkusTestResource(EmbedderTestResource.class)
class EmbedderGrpcTest {

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = EmbedderTestResource.BUNDLE_V1)
    Path bundleV1;

    @ConfigProperty(name = EmbedderTestResource.BUNDLE_V2)
    Path bundleV2;

    @ConfigProperty(name = EmbedderTestResource.BROKEN_BUNDLE)
    Path brokenBundle;

    @ConfigProperty(name = "mdfe.embedder.allowed-image-root")
    Path imageRoot;

    @ConfigProperty(name = "mp.messaging.incoming.training-events.group.id")
    String consumerGroup;

    private ManagedChannel channel;
    private EmbedderServiceGrpc.EmbedderServiceBlockingStub embedder;
    private byte[] circle;
    private byte[] square;
    private ExpectedVectors expected;

    @BeforeEach
    void open() throws Exception {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        embedder = EmbedderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        circle = Files.readAllBytes(imageRoot.resolve("circle_0.jpg"));
        square = Files.readAllBytes(imageRoot.resolve("square_1.png"));
        expected = new ExpectedVectors(Map.of("v1", bundleV1, "v2", bundleV2), List.of(circle, square));
    }

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ImageRef bytes(byte[] data) {
        return ImageRef.newBuilder().setData(ByteString.copyFrom(data)).build();
    }

    private static ImageRef uri(String uri) {
        return ImageRef.newBuilder().setUri(uri).build();
    }

    @Test
    void theKafkaConsumerGroupIsNamedAfterTheHostNameNotANewIdPerStart() {
        assertEquals("embedder-service-" + InstanceIdConfigSource.hostName(), consumerGroup);
    }

    @Test
    void oneBadImageFailsOnlyItsItem() {
        EmbedResponse response = embedder.embed(EmbedRequest.newBuilder().setRequestId("r1").setNormalize(true)
                .addImages(bytes(circle))
                .addImages(bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3}))
                .addImages(uri(imageRoot.resolve("square_1.png").toUri().toString()))
                .addImages(uri("/etc/hostname"))
                .addImages(uri(imageRoot.resolve("missing.png").toString()))
                .addImages(ImageRef.getDefaultInstance())
                .addImages(uri(imageRoot.resolve("../images/../../etc/passwd").toString()))
                .build());

        assertEquals("r1", response.getRequestId());
        assertEquals(TestBundles.MODEL_ID, response.getModel().getModelId());
        String version = response.getModel().getVersion();
        assertEquals(7, response.getResultsCount());
        expected.assertMatches(version, 0, true, response.getResults(0).getEmbedding());
        expected.assertMatches(version, 1, true, response.getResults(2).getEmbedding());
        assertItemError(response.getResults(1), 1, Status.Code.INVALID_ARGUMENT, "inline image");
        assertItemError(response.getResults(3), 3, Status.Code.INVALID_ARGUMENT, "outside the allowed image root");
        assertItemError(response.getResults(4), 4, Status.Code.NOT_FOUND, "no file");
        assertItemError(response.getResults(5), 5, Status.Code.INVALID_ARGUMENT, "neither data nor uri");
        assertItemError(response.getResults(6), 6, Status.Code.INVALID_ARGUMENT, "outside the allowed image root");
    }

    private static void assertItemError(EmbedResult result, int index, Status.Code code, String reason) {
        assertEquals(EmbedResult.OutcomeCase.ERROR, result.getOutcomeCase(), "item " + index);
        assertEquals(index, result.getIndex());
        assertEquals(code.value(), result.getError().getCode(), result.getError().getMessage());
        assertTrue(result.getError().getMessage().startsWith("images[" + index + "]: "), result.getError().getMessage());
        assertTrue(result.getError().getMessage().contains(reason), result.getError().getMessage());
    }

    @Test
    void malformedRequestsFailAsAWhole() {
        StatusRuntimeException empty = assertThrows(StatusRuntimeException.class,
                () -> embedder.embed(EmbedRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getStatus().getCode());
        EmbedRequest.Builder tooMany = EmbedRequest.newBuilder();
        for (int i = 0; i < 257; i++) {
            tooMany.addImages(bytes(new byte[] {1}));
        }
        StatusRuntimeException large = assertThrows(StatusRuntimeException.class, () -> embedder.embed(tooMany.build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, large.getStatus().getCode());
        assertTrue(large.getStatus().getDescription().contains("at most 256"), large.getStatus().getDescription());
    }

    @Test
    void requestsOfSeveralMegabytesAreAccepted() {
        EmbedResponse response = embedder.embed(EmbedRequest.newBuilder().addImages(bytes(circle))
                .addImages(bytes(new byte[3 << 20])).build());
        expected.assertMatches(response.getModel().getVersion(), 0, false, response.getResults(0).getEmbedding());
        assertItemError(response.getResults(1), 1, Status.Code.INVALID_ARGUMENT, "unsupported image format");
    }

    @Test
    void loadModelSwitchesAndAFailedLoadKeepsTheServedModel() {
        try {
            ModelInfo v2 = embedder.loadModel(LoadModelRequest.newBuilder().setBundleUri(bundleV2.toUri().toString()).build());
            assertEquals("v2", v2.getModel().getVersion());
            assertEquals(32, v2.getEmbeddingDim());
            assertEquals(64, v2.getImageSize());
            assertEquals(v2, embedder.getModel(GetModelRequest.getDefaultInstance()));
            EmbedResponse response = embedder.embed(EmbedRequest.newBuilder().addImages(bytes(square)).build());
            assertEquals("v2", response.getModel().getVersion());
            expected.assertMatches("v2", 1, false, response.getResults(0).getEmbedding());

            StatusRuntimeException broken = assertThrows(StatusRuntimeException.class, () -> embedder.loadModel(
                    LoadModelRequest.newBuilder().setBundleUri(brokenBundle.toString()).build()));
            assertEquals(Status.Code.FAILED_PRECONDITION, broken.getStatus().getCode());
            assertTrue(broken.getStatus().getDescription().contains(brokenBundle.toString()), broken.getStatus().getDescription());
            StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () -> embedder.loadModel(
                    LoadModelRequest.newBuilder().setBundleUri(bundleV1.resolveSibling("no-such-bundle").toUri().toString()).build()));
            assertEquals(Status.Code.NOT_FOUND, missing.getStatus().getCode());
            StatusRuntimeException relative = assertThrows(StatusRuntimeException.class, () -> embedder.loadModel(
                    LoadModelRequest.newBuilder().setBundleUri("http://example.com/b").build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, relative.getStatus().getCode());

            assertEquals(v2, embedder.getModel(GetModelRequest.getDefaultInstance()), "failed loads leave v2 serving");
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("mdfe_embedder_model_loads_total{outcome=\"failed\""))
                    .body(containsString("mdfe_embedder_model_served{model_id=\"demo\",version=\"v2\"}"));
        } finally {
            embedder.loadModel(LoadModelRequest.newBuilder().setBundleUri(bundleV1.toString()).build());
        }
        assertEquals("v1", embedder.getModel(GetModelRequest.getDefaultInstance()).getModel().getVersion());
    }

    @Test
    void embedStreamAnswersEveryRequestById() throws Exception {
        CompletableFuture<List<EmbedResponse>> done = new CompletableFuture<>();
        List<EmbedResponse> responses = new ArrayList<>();
        StreamObserver<EmbedRequest> requests = EmbedderServiceGrpc.newStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                .embedStream(new StreamObserver<>() {
                    @Override
                    public void onNext(EmbedResponse value) {
                        responses.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(responses);
                    }
                });
        for (int i = 0; i < 40; i++) {
            requests.onNext(EmbedRequest.newBuilder().setRequestId("req-" + i).addImages(bytes(i % 2 == 0 ? circle : square)).build());
        }
        requests.onCompleted();

        List<EmbedResponse> all = done.get(60, TimeUnit.SECONDS);
        assertEquals(40, all.size());
        assertEquals(40, all.stream().map(EmbedResponse::getRequestId).distinct().count());
        for (EmbedResponse response : all) {
            int i = Integer.parseInt(response.getRequestId().substring(4));
            expected.assertMatches(response.getModel().getVersion(), i % 2, false, response.getResults(0).getEmbedding());
        }
    }

    @Test
    void readinessAndMetricsDescribeTheServedModelAndTheBatcher() {
        embedder.embed(EmbedRequest.newBuilder().addImages(bytes(circle)).build());
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"name\": \"model\""))
                .body(containsString("\"model_id\": \"demo\""));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mdfe_embedder_batch_size_count"))
                .body(containsString("mdfe_embedder_queue_depth"))
                .body(containsString("mdfe_embedder_images_total{outcome=\"embedded\"}"))
                .body(containsString("mdfe_embedder_request_latency_seconds_bucket{rpc=\"Embed\",status=\"OK\""))
                .body(containsString("mdfe_embedder_batch_inference_seconds_count"));
    }
}
