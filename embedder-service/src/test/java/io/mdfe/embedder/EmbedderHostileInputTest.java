package io.mdfe.embedder;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.embedder.events.CheckpointListener;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.embedder.LoadModelRequest;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input for the embedder's path-taking entry points, LoadModel and CheckpointSaved events (hot reload);
 * Embed's per-image path and size cases are in {@link EmbedderGrpcTest#oneBadImageFailsOnlyItsItem}. Bundles
 * may only come from {@code mdfe.artifact-roots} (the test resource sets it to its bundles directory).
 *
 * <ul>
 *   <li>LoadModel: an absolute path outside the roots that exists and one that does not (same status and
 *       message), {@code ..} escapes, a symlink inside the roots to a valid bundle outside them, a malformed
 *       URI, an oversized URI, a missing bundle inside the roots (NOT_FOUND, the only place existence is told).</li>
 *   <li>CheckpointSaved: an event naming a valid bundle outside the roots is not loaded.</li>
 * </ul>
 * Each case answers within a time limit and leaves the served model as it was.
 */
@QuarkusTest
@QuarkusTestResource(EmbedderTestResource.class)
class EmbedderHostileInputTest {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Pattern LOADED = Pattern.compile("mdfe_embedder_model_loads_total\\{outcome=\"loaded\"[^}]*\\} ([0-9.]+)");

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = EmbedderTestResource.BUNDLE_V1)
    Path bundleV1;

    @Inject
    CheckpointListener checkpoints;

    private ManagedChannel channel;
    private EmbedderServiceGrpc.EmbedderServiceBlockingStub embedder;
    private Path outside;

    @BeforeEach
    void open() throws Exception {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        embedder = EmbedderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        // a valid bundle outside the roots: would load if the roots were not checked
        outside = Files.createTempDirectory("embedder-outside");
        TestBundles.write(outside.resolve("evil"), "evil", 3);
    }

    @AfterEach
    void close() throws Exception {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(outside)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void loadModelRefusesPathsOutsideTheArtifactRootsWithoutTellingWhetherTheyExist() throws Exception {
        String before = servedVersion();
        String existing = denied(outside.resolve("evil").toString());
        String missing = denied(outside.resolve("nothing").toString());
        assertEquals(existing.replace("evil", "X"), missing.replace("nothing", "X"));
        denied(outside.resolve("evil").toUri().toString());
        denied(bundleV1 + "/../../../" + bundleV1.getParent().getParent().relativize(outside.resolve("evil")));
        denied("/etc");
        Path link = bundleV1.resolveSibling("link-to-evil");
        Files.createSymbolicLink(link, outside.resolve("evil"));
        try {
            denied(link.toString());
        } finally {
            Files.delete(link);
        }
        assertStatus(Status.Code.INVALID_ARGUMENT, "bundle_uri", "http://example.com/bundle");
        assertStatus(Status.Code.INVALID_ARGUMENT, "bundle_uri", "relative/bundle");
        assertStatus(Status.Code.PERMISSION_DENIED, "bundle_uri", "/" + "x".repeat(200_000));
        assertStatus(Status.Code.NOT_FOUND, "bundle_uri", bundleV1.resolveSibling("not-there").toString());
        assertEquals(before, servedVersion(), "refused loads leave the served model");
    }

    @Test
    void aCheckpointEventNamingABundleOutsideTheRootsIsNotLoaded() {
        double loadedBefore = loadedCount();
        checkpoints.onTrainingEvent(TrainingEvent.newBuilder()
                .setCheckpointSaved(CheckpointSaved.newBuilder().setRunId("run-evil")
                        .setModel(ModelRef.newBuilder().setModelId(TestBundles.MODEL_ID).setVersion("evil"))
                        .setBundleUri(outside.resolve("evil").toUri().toString()).setStep(1).setEmbeddingDim(32))
                .build(), null);
        // loads run one after another on the loader's thread: once this one is served, a queued evil one was too
        embedder.loadModel(LoadModelRequest.newBuilder().setBundleUri(bundleV1.toString()).build());
        assertEquals(loadedBefore + 1, loadedCount(), "only the LoadModel call loaded a bundle");
        assertFalse(servedVersion().equals("evil"));
    }

    private String denied(String uri) {
        return assertStatus(Status.Code.PERMISSION_DENIED, "bundle_uri: ", uri);
    }

    private String assertStatus(Status.Code code, String part, String uri) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> assertTimeoutPreemptively(QUICK,
                () -> embedder.loadModel(LoadModelRequest.newBuilder().setBundleUri(uri).build())));
        assertEquals(code, e.getStatus().getCode(), e::toString);
        String description = e.getStatus().getDescription();
        assertTrue(description != null && description.contains(part), description);
        assertTrue(description.length() <= 1100, "descriptions are cut");
        return description;
    }

    private String servedVersion() {
        return embedder.getModel(GetModelRequest.getDefaultInstance()).getModel().getVersion();
    }

    private static double loadedCount() {
        Matcher m = LOADED.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
