package io.mdfe.data;

import static io.mdfe.data.TestDatasets.Row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.testing.kafka.EmbeddedKafkaBroker;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.KafkaTestProfile;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset events on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a
 * {@link TopicReader} reads what registrations publish, as the trainer-service will.
 */
@QuarkusTest
@TestProfile(DataServiceKafkaTest.RealKafka.class)
class DataServiceKafkaTest {

    /** The configured Kafka connector instead of the in-memory one, against the embedded broker. */
    public static class RealKafka extends KafkaTestProfile {
        public RealKafka() {
            super(Map.of("mp.messaging.outgoing.dataset-events.connector", "smallrye-kafka",
                    // a broker outage shows within seconds, not the production 20 s
                    "mp.messaging.outgoing.dataset-events.max.block.ms", "2000",
                    "mp.messaging.outgoing.dataset-events.request.timeout.ms", "2000",
                    "mp.messaging.outgoing.dataset-events.delivery.timeout.ms", "3000",
                    "mdfe.events.outbox.ack-timeout", "5s",
                    "mdfe.events.outbox.retry-max", "1s"));
        }
    }

    @TestHTTPResource("/")
    URL root;

    @ConfigProperty(name = KafkaBrokerResource.BOOTSTRAP_SERVERS)
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.outgoing.dataset-events.topic")
    String topic;

    @TempDir
    Path dataRoot;

    /** Set by KafkaBrokerResource. */
    EmbeddedKafkaBroker broker;

    @Test
    void registeredThenUpdatedAreConsumedFromTheTopic() throws Exception {
        Path products = dataRoot.resolve("products");
        TestDatasets.writeCsvSet(products, "shop", List.of(new Row("a.png", 1), new Row("b.png", 2)));
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        try (TopicReader<DatasetEvent> events = new TopicReader<>(bootstrapServers, topic, DatasetEvent::parseFrom)) {
            DataServiceGrpc.DataServiceBlockingStub data = DataServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            RegisterDatasetRequest request = RegisterDatasetRequest.newBuilder().setDatasetId("products")
                    .setRoot(products.toString()).addNames("shop").build();

            DatasetInfo first = data.registerDataset(request);
            // other tests' datasets may be on the topic before
            TopicRecord<DatasetEvent> registeredRecord = events.readFirst(e -> e.hasRegistered()
                    && e.getRegistered().getDataset().getRef().getDatasetId().equals("products"),
                    Duration.ofSeconds(30));
            assertCloudEvent(registeredRecord, "io.mdfe.dataset.DatasetRegistered.v1", "products");
            DatasetEvent registered = registeredRecord.value();
            assertEquals(DatasetEvent.KindCase.REGISTERED, registered.getKindCase());
            assertEquals(first, registered.getRegistered().getDataset());
            assertTrue(registered.getTimestamp().getSeconds() > 0);

            TestDatasets.appendCsvRows(products, "shop", List.of(new Row("c.png", 3)));
            DatasetInfo second = data.registerDataset(request);
            TopicRecord<DatasetEvent> updatedRecord = events.read(1, Duration.ofSeconds(30)).get(0);
            assertCloudEvent(updatedRecord, "io.mdfe.dataset.DatasetUpdated.v1", "products");
            assertNotEquals(registeredRecord.headers().get("ce_id"), updatedRecord.headers().get("ce_id"));
            DatasetEvent updated = updatedRecord.value();
            assertEquals(DatasetEvent.KindCase.UPDATED, updated.getKindCase());
            assertEquals(second, updated.getUpdated().getDataset());
            assertEquals(3, updated.getUpdated().getDataset().getNumSamples());
            assertEquals(first.getRef().getVersion(), updated.getUpdated().getPreviousVersion());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void registrationWhileKafkaIsDownIsPublishedExactlyOnceWhenItIsBack() throws Exception {
        Path offline = dataRoot.resolve("offline");
        TestDatasets.writeCsvSet(offline, "shop", List.of(new Row("a.png", 1), new Row("b.png", 2)));
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        broker.stop();
        try {
            DatasetInfo info = DataServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
                    .registerDataset(RegisterDatasetRequest.newBuilder().setDatasetId("offline")
                            .setRoot(offline.toString()).addNames("shop").build());
            assertEquals("offline", info.getRef().getDatasetId(), "the registration succeeds without Kafka");
            assertTrue(metrics().contains("mdfe_events_outbox_depth 1.0"), "the event waits in the outbox");
            awaitHealth("\"status\": \"degraded\"");
            assertTrue(health().contains("\"status\": \"UP\""), "degraded, not down: " + health());
        } finally {
            broker.restart();
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
        try (TopicReader<DatasetEvent> events = new TopicReader<>(bootstrapServers, topic, DatasetEvent::parseFrom)) {
            TopicRecord<DatasetEvent> record = events.readFirst(e -> e.hasRegistered()
                    && e.getRegistered().getDataset().getRef().getDatasetId().equals("offline"), Duration.ofSeconds(60));
            assertCloudEvent(record, "io.mdfe.dataset.DatasetRegistered.v1", "offline");
            events.assertNothingMore(Duration.ofSeconds(3));
        }
        awaitHealth("\"status\": \"ok\"");
        assertTrue(metrics().contains("mdfe_events_outbox_depth 0.0"), "the outbox is empty again");
    }

    /** Binary-mode CloudEvents attributes as Kafka headers, keyed by the subject. */
    private static void assertCloudEvent(TopicRecord<DatasetEvent> record, String type, String datasetId) {
        assertEquals(datasetId, record.key());
        assertEquals(datasetId, record.headers().get("ce_subject"));
        assertEquals(type, record.headers().get("ce_type"));
        assertEquals("data-service", record.headers().get("ce_source"));
        assertEquals("1.0", record.headers().get("ce_specversion"));
        assertEquals(UUID.fromString(record.headers().get("ce_id")).toString(), record.headers().get("ce_id"));
        assertTrue(Instant.parse(record.headers().get("ce_time")).getEpochSecond() > 0, record.headers().toString());
    }

    private String metrics() throws IOException {
        return get("q/metrics");
    }

    private String health() throws IOException {
        return get("q/health/ready");
    }

    private void awaitHealth(String fragment) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!health().contains(fragment)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("health never showed " + fragment + ": " + health());
            }
            Thread.sleep(100);
        }
    }

    private String get(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(root, path).openConnection();
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream()
                : connection.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }
}
