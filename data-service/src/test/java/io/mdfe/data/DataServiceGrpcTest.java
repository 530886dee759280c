package io.mdfe.data;

import static io.mdfe.data.TestDatasets.Row;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.mdfe.data.events.DatasetEventJournal;
import io.mdfe.proto.data.ClassCount;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.GetClassDistributionRequest;
import io.mdfe.proto.data.GetManifestRequest;
import io.mdfe.proto.data.GetManifestResponse;
import io.mdfe.proto.data.ImageData;
import io.mdfe.proto.data.ListDatasetsRequest;
import io.mdfe.proto.data.ListVersionsRequest;
import io.mdfe.proto.data.ListVersionsResponse;
import io.mdfe.proto.data.ManifestEntry;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.data.SampleRange;
import io.mdfe.proto.data.StreamImagesRequest;
import io.mdfe.proto.events.DatasetEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-service's gRPC API through a real grpc-java channel, on datasets written to a {@code @TempDir}
 * (the %test allowed root is the temp directory). Events go to the in-memory connector.
 */
@QuarkusTest
class DataServiceGrpcTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    MeterRegistry registry;

    @TempDir
    Path dataRoot;

    private ManagedChannel channel;
    private DataServiceGrpc.DataServiceBlockingStub data;
    private InMemorySink<byte[]> events;
    private String datasetId;
    private Path products;

    @BeforeEach
    void setUp() {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        data = DataServiceGrpc.newBlockingStub(channel);
        events = connector.sink(DatasetEventJournal.CHANNEL);
        events.clear();
        // The catalog lives as long as the Quarkus instance: a fresh id per test.
        datasetId = "products-" + UUID.randomUUID().toString().substring(0, 8);
        products = dataRoot.resolve("products");
        TestDatasets.writeCsvSet(products, "shop", List.of(new Row("train/a.png", 3), new Row("train/b.png", 1),
                new Row("train/c.png", 3), new Row("train/d.png", 2), new Row("train/e.png", 3)));
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, SECONDS);
    }

    private DatasetInfo register() {
        return data.withDeadlineAfter(30, SECONDS).registerDataset(RegisterDatasetRequest.newBuilder()
                .setDatasetId(datasetId).setRoot(products.toString()).addNames("shop").build());
    }

    /** The outbox relay publishes after the registration answered: wait for exactly {@code count} events. */
    private List<? extends Message<byte[]>> awaitEvents(int count) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(30);
        while (events.received().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, events.received().size(), "events published");
        return events.received();
    }

    @Test
    void registrationsPublishRegisteredThenUpdatedAndNothingWhenUnchanged() throws Exception {
        DatasetInfo first = register();
        assertEquals(datasetId, first.getRef().getDatasetId());
        assertEquals(DatasetFormat.DATASET_FORMAT_CSV, first.getFormat());
        assertEquals(5, first.getNumSamples());
        assertEquals(3, first.getNumClasses());
        Message<byte[]> registered = awaitEvents(1).get(0);
        assertEquals(datasetId, registered.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
        assertEquals(first, DatasetEvent.parseFrom(registered.getPayload()).getRegistered().getDataset());

        assertEquals(first, register(), "unchanged directory: same version");

        TestDatasets.appendCsvRows(products, "shop", List.of(new Row("train/f.png", 9)));
        DatasetInfo second = register();
        assertNotEquals(first.getRef().getVersion(), second.getRef().getVersion());
        assertEquals(6, second.getNumSamples());
        // an unchanged registration publishing something would show up here as a third event
        DatasetEvent updated = DatasetEvent.parseFrom(awaitEvents(2).get(1).getPayload());
        assertEquals(second, updated.getUpdated().getDataset());
        assertEquals(first.getRef().getVersion(), updated.getUpdated().getPreviousVersion());

        ListVersionsResponse versions = data.listVersions(ListVersionsRequest.newBuilder()
                .setDatasetId(datasetId).build());
        assertEquals(List.of(first, second), versions.getVersionsList());
        assertEquals(second.getRef().getVersion(), versions.getCurrentVersion());
        assertTrue(data.listDatasets(ListDatasetsRequest.getDefaultInstance()).getDatasetsList().contains(second));
    }

    @Test
    void manifestPagesStayOnTheirVersionWhenANewOneArrives() {
        String version = register().getRef().getVersion();
        GetManifestResponse page = manifestPage("", 2);
        List<ManifestEntry> seen = new ArrayList<>(page.getEntriesList());
        assertEquals(version, page.getVersion());
        assertEquals(5, page.getTotalSamples());

        TestDatasets.appendCsvRows(products, "shop", List.of(new Row("train/f.png", 9)));
        register();
        while (!page.getNextPageToken().isEmpty()) {
            page = manifestPage(page.getNextPageToken(), 2);
            assertEquals(version, page.getVersion());
            seen.addAll(page.getEntriesList());
        }

        assertEquals(List.of("train/a.png", "train/b.png", "train/c.png", "train/d.png", "train/e.png"),
                seen.stream().map(ManifestEntry::getRelativePath).toList());
        assertEquals(List.of(2, 0, 2, 1, 2), seen.stream().map(ManifestEntry::getLabel).toList());
        assertEquals(6, manifestPage("", 0).getEntriesCount(), "a fresh listing shows the new version");
    }

    @Test
    void classDistributionCountsEveryLabel() {
        register();
        List<ClassCount> classes = data.getClassDistribution(GetClassDistributionRequest.newBuilder()
                .setDatasetId(datasetId).build()).getClassesList();
        assertEquals(List.of(1L, 1L, 3L), classes.stream().map(ClassCount::getNumSamples).toList());
        assertEquals(List.of(0, 1, 2), classes.stream().map(ClassCount::getLabel).toList());
    }

    @Test
    void streamImagesSendsTheFilesOfARange() throws IOException {
        register();
        List<ImageData> images = new ArrayList<>();
        data.streamImages(StreamImagesRequest.newBuilder().setDatasetId(datasetId)
                .setRange(SampleRange.newBuilder().setOffset(1).setLimit(2)).build()).forEachRemaining(images::add);

        assertEquals(List.of(1L, 2L), images.stream().map(ImageData::getIndex).toList());
        assertEquals(List.of("train/b.png", "train/c.png"), images.stream().map(ImageData::getRelativePath).toList());
        assertEquals(List.of(0, 2), images.stream().map(ImageData::getLabel).toList());
        for (ImageData image : images) {
            assertArrayEquals(Files.readAllBytes(products.resolve(image.getRelativePath())),
                    image.getData().toByteArray());
        }
        Iterator<ImageData> all = data.streamImages(StreamImagesRequest.newBuilder().setDatasetId(datasetId).build());
        assertEquals(5, count(all));
    }

    @Test
    void streamReportsAMissingImageAsNotFound() throws IOException {
        register();
        Files.delete(products.resolve("train/c.png"));
        Iterator<ImageData> stream = data.streamImages(StreamImagesRequest.newBuilder().setDatasetId(datasetId).build());

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> count(stream));
        assertEquals(Status.Code.NOT_FOUND, error.getStatus().getCode());
        assertTrue(error.getStatus().getDescription().contains("train/c.png"), error.getStatus().getDescription());
    }

    @Test
    void badRequestsGetStatusesNamingTheField() {
        // the test profile allows java.io.tmpdir; /usr is outside it wherever the checkout lives
        Path outside = Path.of("/usr");
        assertStatus(Status.Code.PERMISSION_DENIED, "root: '" + outside, () -> data.registerDataset(
                RegisterDatasetRequest.newBuilder().setDatasetId("x").setRoot(outside.toString()).addNames("shop")
                        .build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "dataset_id:", () -> data.registerDataset(
                RegisterDatasetRequest.newBuilder().setDatasetId("").setRoot(products.toString()).build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "format:", () -> data.registerDataset(
                RegisterDatasetRequest.newBuilder().setDatasetId(datasetId).setRoot(products.toString())
                        .setFormat(DatasetFormat.DATASET_FORMAT_UNED).addNames("shop").build()));
        assertStatus(Status.Code.NOT_FOUND, "dataset_id:", () -> data.listVersions(
                ListVersionsRequest.newBuilder().setDatasetId("never-registered").build()));
        register();
        assertStatus(Status.Code.NOT_FOUND, "version:", () -> data.getClassDistribution(
                GetClassDistributionRequest.newBuilder().setDatasetId(datasetId).setVersion("abc").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_size:", () -> manifestPage("", -1));
        assertStatus(Status.Code.INVALID_ARGUMENT, "page_token:", () -> manifestPage("not-a-token", 2));
        assertStatus(Status.Code.INVALID_ARGUMENT, "range:", () -> count(data.streamImages(
                StreamImagesRequest.newBuilder().setDatasetId(datasetId)
                        .setRange(SampleRange.newBuilder().setOffset(6)).build())));
    }

    /**
     * 40 images of 256 KiB (10 MiB) to a client that takes one message and then waits: the server must stop
     * reading files once gRPC's buffers are full instead of reading the whole range into memory.
     */
    @Test
    void streamReadsFilesOnlyAsFastAsTheClientTakesThem() throws Exception {
        int count = 40;
        Path big = dataRoot.resolve("big");
        IntStream.range(0, count).forEach(i -> TestDatasets.writeBytes(big.resolve("img/" + i + ".bin"), 256 * 1024, i));
        StringBuilder csv = new StringBuilder("img_path,label\n");
        IntStream.range(0, count).forEach(i -> csv.append("img/").append(i).append(".bin,").append(i % 3).append('\n'));
        Files.writeString(big.resolve("big_train.csv"), csv);
        String bigId = "big-" + UUID.randomUUID().toString().substring(0, 8);
        data.registerDataset(RegisterDatasetRequest.newBuilder().setDatasetId(bigId).setRoot(big.toString())
                .addNames("big").build());
        double readBefore = imagesRead();

        List<ImageData> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<ClientCallStreamObserver<StreamImagesRequest>> call = new CompletableFuture<>();
        DataServiceGrpc.newStub(channel).streamImages(StreamImagesRequest.newBuilder().setDatasetId(bigId).build(),
                new ClientResponseObserver<StreamImagesRequest, ImageData>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<StreamImagesRequest> requestStream) {
                        requestStream.disableAutoRequestWithInitial(1);
                        call.complete(requestStream);
                    }

                    @Override
                    public void onNext(ImageData value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1500);
        double readWhileWaiting = imagesRead() - readBefore;
        assertEquals(1, received.size());
        assertTrue(readWhileWaiting < count / 2.0,
                "files read while the client held back: " + readWhileWaiting + " of " + count);

        call.get().request(count);
        done.get(30, SECONDS);
        assertEquals(count, received.size());
        assertEquals(count, imagesRead() - readBefore, 1e-9);
    }

    private double imagesRead() {
        return registry.get("mdfe.data.images.read").counter().count();
    }

    private GetManifestResponse manifestPage(String token, int size) {
        return data.getManifest(GetManifestRequest.newBuilder().setDatasetId(datasetId).setPageToken(token)
                .setPageSize(size).build());
    }

    private static int count(Iterator<?> iterator) {
        int n = 0;
        for (; iterator.hasNext(); iterator.next()) {
            n++;
        }
        return n;
    }

    private static void assertStatus(Status.Code code, String descriptionStart, Runnable call) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, error.getStatus().getCode(), error.getStatus().getDescription());
        assertTrue(error.getStatus().getDescription().startsWith(descriptionStart),
                () -> "'" + error.getStatus().getDescription() + "' should start with '" + descriptionStart + "'");
    }
}
