package io.mdfe.data;

import static io.mdfe.data.TestDatasets.Row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.KafkaTestProfile;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
            super(Map.of("mp.messaging.outgoing.dataset-events.connector", "smallrye-kafka"));
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
        try (TopicReader<DatasetEvent> events = new TopicReader<>(bootstrapServers, topic, DatasetEvent::parseFrom)) {
            DataServiceGrpc.DataServiceBlockingStub data = DataServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            RegisterDatasetRequest request = RegisterDatasetRequest.newBuilder().setDatasetId("products")
                    .setRoot(products.toString()).addNames("shop").build();

            DatasetInfo first = data.registerDataset(request);
            DatasetEvent registered = next(events);
            assertEquals(DatasetEvent.KindCase.REGISTERED, registered.getKindCase());
            assertEquals(first, registered.getRegistered().getDataset());
            assertTrue(registered.getTimestamp().getSeconds() > 0);

            TestDatasets.appendCsvRows(products, "shop", List.of(new Row("c.png", 3)));
            DatasetInfo second = data.registerDataset(request);
            DatasetEvent updated = next(events);
            assertEquals(DatasetEvent.KindCase.UPDATED, updated.getKindCase());
            assertEquals(second, updated.getUpdated().getDataset());
            assertEquals(3, updated.getUpdated().getDataset().getNumSamples());
            assertEquals(first.getRef().getVersion(), updated.getUpdated().getPreviousVersion());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Exactly one new event, keyed by its dataset id. */
    private static DatasetEvent next(TopicReader<DatasetEvent> events) throws IOException {
        TopicRecord<DatasetEvent> record = events.read(1, Duration.ofSeconds(30)).get(0);
        assertEquals("products", record.key());
        return record.value();
    }
}
