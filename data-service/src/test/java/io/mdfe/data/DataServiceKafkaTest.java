package io.mdfe.data;

import static io.mdfe.data.TestDatasets.Row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dataset events on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a plain
 * {@link KafkaConsumer} reads what registrations publish, as the trainer-service will.
 */
@QuarkusTest
@TestProfile(DataServiceKafkaTest.RealKafka.class)
class DataServiceKafkaTest {

    /** The configured Kafka connector instead of the in-memory one, against the embedded broker. */
    public static class RealKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.dataset-events.connector", "smallrye-kafka");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
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

    @Test
    void registeredThenUpdatedAreConsumedFromTheTopic() throws Exception {
        Path products = dataRoot.resolve("products");
        TestDatasets.writeCsvSet(products, "shop", List.of(new Row("a.png", 1), new Row("b.png", 2)));
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            DataServiceGrpc.DataServiceBlockingStub data = DataServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            RegisterDatasetRequest request = RegisterDatasetRequest.newBuilder().setDatasetId("products")
                    .setRoot(products.toString()).addNames("shop").build();

            DatasetInfo first = data.registerDataset(request);
            List<ConsumerRecord<String, byte[]>> records = poll(consumer, 1);
            assertEquals("products", records.get(0).key());
            DatasetEvent registered = DatasetEvent.parseFrom(records.get(0).value());
            assertEquals(DatasetEvent.KindCase.REGISTERED, registered.getKindCase());
            assertEquals(first, registered.getRegistered().getDataset());
            assertTrue(registered.getTimestamp().getSeconds() > 0);

            TestDatasets.appendCsvRows(products, "shop", List.of(new Row("c.png", 3)));
            DatasetInfo second = data.registerDataset(request);
            DatasetEvent updated = parse(poll(consumer, 1).get(0));
            assertEquals(DatasetEvent.KindCase.UPDATED, updated.getKindCase());
            assertEquals(second, updated.getUpdated().getDataset());
            assertEquals(3, updated.getUpdated().getDataset().getNumSamples());
            assertEquals(first.getRef().getVersion(), updated.getUpdated().getPreviousVersion());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "data-service-kafka-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Exactly {@code expected} new records, or fails after 30 s. */
    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertEquals(expected, records.size(), "records on the topic");
        return records;
    }

    private static DatasetEvent parse(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        assertEquals("products", record.key());
        return DatasetEvent.parseFrom(record.value());
    }
}
