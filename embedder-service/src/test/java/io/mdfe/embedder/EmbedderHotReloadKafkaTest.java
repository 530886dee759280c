package io.mdfe.embedder;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.proto.common.ImageRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.embedder.EmbedRequest;
import io.mdfe.proto.embedder.EmbedResponse;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.KafkaTestProfile;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Hot reload on the real in-process Kafka broker: while concurrent clients embed, a CheckpointSaved event
 * switches the service from v1 to v2. No request may fail, every response names v1 or v2, each client
 * sees v1 then v2 and never back, and every vector is the named model's.
 */
@QuarkusTest
@QuarkusTestResource(EmbedderTestResource.class)
@TestProfile(EmbedderHotReloadKafkaTest.RealKafka.class)
class EmbedderHotReloadKafkaTest {

    /** The Kafka connector against the embedded broker; only checkpoints of model "demo" reload. */
    public static class RealKafka extends KafkaTestProfile {
        public RealKafka() {
            super(Map.of("mp.messaging.incoming.training-events.connector", "smallrye-kafka",
                    "mdfe.embedder.reload.model-id", TestBundles.MODEL_ID));
        }
    }

    private static final int CLIENTS = 8;

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = KafkaBrokerResource.BOOTSTRAP_SERVERS)
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.incoming.training-events.topic")
    String topic;

    @ConfigProperty(name = EmbedderTestResource.BUNDLE_V1)
    Path bundleV1;

    @ConfigProperty(name = EmbedderTestResource.BUNDLE_V2)
    Path bundleV2;

    @ConfigProperty(name = EmbedderTestResource.BROKEN_BUNDLE)
    Path brokenBundle;

    @ConfigProperty(name = "mdfe.embedder.allowed-image-root")
    Path imageRoot;

    /** One answer a client got: its image and the response. */
    private record Answer(int client, int image, EmbedResponse response) {
    }

    @Test
    void aCheckpointEventSwapsModelsUnderLoadWithoutFailuresOrMixing() throws Exception {
        List<byte[]> images = List.of(Files.readAllBytes(imageRoot.resolve("circle_0.jpg")),
                Files.readAllBytes(imageRoot.resolve("triangle_5.png")));
        ExpectedVectors expected = new ExpectedVectors(Map.of("v1", bundleV1, "v2", bundleV2), images);
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        try (TopicWriter training = new TopicWriter(bootstrapServers, topic)) {
            EmbedderServiceGrpc.EmbedderServiceBlockingStub embedder = EmbedderServiceGrpc.newBlockingStub(channel);
            assertEquals("v1", embedder.getModel(GetModelRequest.getDefaultInstance()).getModel().getVersion());
            List<Future<?>> loops = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                loops.add(clients.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        int image = (client + n) % images.size();
                        try {
                            EmbedResponse response = embedder.withDeadlineAfter(30, TimeUnit.SECONDS).embed(EmbedRequest.newBuilder()
                                    .addImages(ImageRef.newBuilder().setData(ByteString.copyFrom(images.get(image)))).build());
                            answers.add(new Answer(client, image, response));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                }));
            }
            Thread.sleep(1000);
            // Another model's checkpoint is ignored (the filter): its bundle is broken, so loading it would fail.
            send(training, checkpoint("other-model", "step-9", brokenBundle));
            // A checkpoint whose bundle is gone goes to the dead-letter topic; the consumer goes on to v2.
            TrainingEvent missing = checkpoint(TestBundles.MODEL_ID, "v-missing", bundleV2.resolveSibling("deleted"));
            training.send(missing.getCheckpointSaved().getRunId(), missing.toByteArray(), Map.of("ce_id", "missing-1",
                    "ce_source", "trainer-service", "ce_type", "io.mdfe.training.CheckpointSaved.v1",
                    "ce_specversion", "1.0"));
            send(training, checkpoint(TestBundles.MODEL_ID, "v2", bundleV2));
            try (TopicReader<byte[]> dead = new TopicReader<>(bootstrapServers, topic + ".embedder-service.dlq",
                    b -> b)) {
                TopicRecord<byte[]> poison = dead.read(1, Duration.ofSeconds(60)).get(0);
                assertEquals("missing-1", poison.headers().get("ce_id"));
                assertTrue(poison.headers().get("dead-letter-reason").contains("deleted"), poison.headers().toString());
                assertEquals(missing, TrainingEvent.parseFrom(poison.value()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"v2".equals(embedder.getModel(GetModelRequest.getDefaultInstance()).getModel().getVersion())) {
                assertTrue(System.nanoTime() < deadline, "the service did not switch to v2 within 60 s");
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            running.set(false);
            for (Future<?> loop : loops) {
                loop.get(60, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            clients.shutdownNow();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }

        assertTrue(failures.isEmpty(), () -> failures.size() + " failed requests, first: " + failures.peek());
        String[] lastVersion = new String[CLIENTS];
        int[] perVersion = new int[2];
        for (Answer answer : answers) {
            String version = answer.response().getModel().getVersion();
            assertEquals(TestBundles.MODEL_ID, answer.response().getModel().getModelId());
            assertTrue(version.equals("v1") || version.equals("v2"), version);
            assertTrue(!"v2".equals(lastVersion[answer.client()]) || version.equals("v2"),
                    "client " + answer.client() + " went back from v2 to " + version);
            lastVersion[answer.client()] = version;
            perVersion[version.equals("v1") ? 0 : 1]++;
            expected.assertMatches(version, answer.image(), false, answer.response().getResults(0).getEmbedding());
        }
        assertTrue(perVersion[0] > 0 && perVersion[1] > 0, "answers by v1 and v2: " + perVersion[0] + ", " + perVersion[1]);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("mdfe_embedder_model_loads_total{outcome=\"failed\"} 0.0"));
    }

    private static TrainingEvent checkpoint(String modelId, String version, Path bundle) {
        return TrainingEvent.newBuilder().setCheckpointSaved(CheckpointSaved.newBuilder().setRunId("run-" + modelId)
                .setModel(ModelRef.newBuilder().setModelId(modelId).setVersion(version))
                .setBundleUri(bundle.toUri().toString()).setStep(100).setEmbeddingDim(32)).build();
    }

    private static void send(TopicWriter training, TrainingEvent event) throws Exception {
        training.send(event.getCheckpointSaved().getRunId(), event.toByteArray());
    }
}
