package io.mdfe.data;

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
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.data.TestDatasets.Row;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.GetManifestRequest;
import io.mdfe.proto.data.ImageData;
import io.mdfe.proto.data.ListDatasetsRequest;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.data.SampleRange;
import io.mdfe.proto.data.StreamImagesRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile input for {@code mdfe.data.v1.DataService}. The allowed root is a folder of its own under
 * {@code target/}, so {@code outside}, its sibling, is outside it wherever the repository is checked out (the
 * module's %test root, {@code java.io.tmpdir}, holds the whole repository when it is cloned under /tmp).
 *
 * <ul>
 *   <li>RegisterDataset: roots outside the allowed root that exist and that do not (same status and message),
 *       {@code ..} escapes, a symlink inside the allowed root pointing out, relative roots, oversized ids.</li>
 *   <li>StreamImages: an image that is a symlink to a file outside the dataset is refused, its bytes never
 *       sent; negative ranges; unknown datasets.</li>
 *   <li>GetManifest: negative page sizes, unknown and oversized dataset ids (NOT_FOUND, the message cut).</li>
 * </ul>
 * Each answers within a time limit; no refused registration leaves a dataset behind.
 */
@QuarkusTest
@TestProfile(DataServiceHostileInputTest.OwnAllowedRoot.class)
class DataServiceHostileInputTest {

    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Path ALLOWED_ROOT = Path.of("target", "hostile-input-allowed-root").toAbsolutePath();

    /** Points {@code mdfe.data.allowed-root} at {@link #ALLOWED_ROOT}. */
    public static class OwnAllowedRoot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(ALLOWED_ROOT); // before the service boots and checks it
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("mdfe.data.allowed-root", ALLOWED_ROOT.toString());
        }
    }

    @TestHTTPResource("/")
    URL root;

    private Path dataRoot;

    private ManagedChannel channel;
    private DataServiceGrpc.DataServiceBlockingStub data;
    private Path outside;

    @BeforeEach
    void setUp() throws Exception {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        data = DataServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, SECONDS);
        dataRoot = Files.createTempDirectory(ALLOWED_ROOT, "data");
        outside = Files.createDirectories(Path.of("target", "outside-" + UUID.randomUUID()).toAbsolutePath());
        Files.writeString(outside.resolve("secret.png"), "not for clients");
    }

    @AfterEach
    void closeChannel() throws Exception {
        channel.shutdownNow().awaitTermination(10, SECONDS);
        try (var files = Files.list(outside)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(outside);
        AtomicFiles.deleteRecursively(dataRoot);
    }

    @Test
    void registerDatasetRefusesRootsOutsideTheAllowedRootWithoutTellingWhetherTheyExist() throws Exception {
        int datasets = datasetCount();
        String existing = refused(Status.Code.PERMISSION_DENIED, "root: ", () -> register("evil", outside.toString()));
        String missing = refused(Status.Code.PERMISSION_DENIED, "root: ",
                () -> register("evil", outside.resolve("none").toString()));
        assertEquals(existing, missing.replace("/none", ""));
        refused(Status.Code.PERMISSION_DENIED, "root: ", () -> register("evil", dataRoot + "/../../../../../../.." + outside));
        Path link = Files.createSymbolicLink(dataRoot.resolve("link"), outside);
        refused(Status.Code.PERMISSION_DENIED, "root: ", () -> register("evil", link.toString()));
        refused(Status.Code.INVALID_ARGUMENT, "root", () -> register("evil", "relative/dir"));
        refused(Status.Code.NOT_FOUND, "root", () -> register("evil", dataRoot.resolve("missing").toString()));
        refused(Status.Code.INVALID_ARGUMENT, "dataset_id", () -> register("i".repeat(100_000), dataRoot.toString()));
        assertEquals(datasets, datasetCount(), "refused registrations leave no dataset");
    }

    @Test
    void aSymlinkInsideADatasetPointingOutsideIsNotStreamed() throws Exception {
        Path products = dataRoot.resolve("products");
        TestDatasets.writeCsvSet(products, "shop", List.of(new Row("train/a.png", 1), new Row("train/b.png", 2),
                new Row("train/c.png", 1)));
        Files.delete(products.resolve("train/b.png"));
        Files.createSymbolicLink(products.resolve("train/b.png"), outside.resolve("secret.png"));
        String id = "links-" + UUID.randomUUID().toString().substring(0, 8);
        int datasets = datasetCount();
        // A link already there is refused when the dataset is read, naming the file and line ...
        refused(Status.Code.FAILED_PRECONDITION, "DATASET.names", () -> register(id, products.toString()));
        assertEquals(datasets, datasetCount(), "a refused registration leaves no dataset");
        // ... and one made after the registration is not streamed
        Files.delete(products.resolve("train/b.png"));
        TestDatasets.writeCsvSet(products, "shop", List.of(new Row("train/a.png", 1), new Row("train/b.png", 2),
                new Row("train/c.png", 1)));
        register(id, products.toString());
        Files.delete(products.resolve("train/b.png"));
        Files.createSymbolicLink(products.resolve("train/b.png"), outside.resolve("secret.png"));

        List<ImageData> received = new ArrayList<>();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> assertTimeoutPreemptively(QUICK,
                () -> data.streamImages(StreamImagesRequest.newBuilder().setDatasetId(id).build())
                        .forEachRemaining(received::add)));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), e::toString);
        assertTrue(e.getStatus().getDescription().startsWith("image train/b.png: "), e.getStatus().getDescription());
        byte[] secret = Files.readAllBytes(outside.resolve("secret.png"));
        assertFalse(received.stream().anyMatch(image -> Arrays.equals(secret, image.getData().toByteArray())));
        assertEquals(List.of("train/a.png"), received.stream().map(ImageData::getRelativePath).toList());

        refused(Status.Code.INVALID_ARGUMENT, "range", () -> data.streamImages(StreamImagesRequest.newBuilder()
                .setDatasetId(id).setRange(SampleRange.newBuilder().setOffset(-1)).build()).forEachRemaining(i -> { }));
        refused(Status.Code.INVALID_ARGUMENT, "range", () -> data.streamImages(StreamImagesRequest.newBuilder()
                .setDatasetId(id).setRange(SampleRange.newBuilder().setLimit(-5)).build()).forEachRemaining(i -> { }));
        refused(Status.Code.NOT_FOUND, "dataset_id", () -> data.streamImages(StreamImagesRequest.newBuilder()
                .setDatasetId("no-such-dataset").build()).forEachRemaining(i -> { }));
    }

    @Test
    void getManifestRefusesBadPageSizesAndUnknownDatasets() {
        refused(Status.Code.INVALID_ARGUMENT, "page_size", () -> data.getManifest(GetManifestRequest.newBuilder()
                .setDatasetId("no-such-dataset").setPageSize(-1).build()));
        refused(Status.Code.NOT_FOUND, "dataset_id", () -> data.getManifest(GetManifestRequest.newBuilder()
                .setDatasetId("no-such-dataset").build()));
        refused(Status.Code.NOT_FOUND, "dataset_id", () -> data.getManifest(GetManifestRequest.newBuilder()
                .setDatasetId("../" + "x".repeat(100_000)).build()));
    }

    private void register(String id, String root) {
        data.registerDataset(RegisterDatasetRequest.newBuilder().setDatasetId(id).setRoot(root).addNames("shop").build());
    }

    private int datasetCount() {
        return data.listDatasets(ListDatasetsRequest.getDefaultInstance()).getDatasetsCount();
    }

    private static String refused(Status.Code code, String part, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> assertTimeoutPreemptively(QUICK, call::execute));
        assertEquals(code, e.getStatus().getCode(), e::toString);
        String description = e.getStatus().getDescription();
        assertTrue(description != null && description.contains(part), description);
        assertTrue(description.length() <= 1100, "descriptions are cut");
        return description;
    }
}
