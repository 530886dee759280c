package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetUpdated;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-driven retraining on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a
 * DatasetUpdated record for a recipe's dataset, produced with a plain {@link KafkaProducer} as the
 * data-service would, leads to a run whose TrainingStarted, CheckpointSaved and TrainingFinished records a
 * plain {@link KafkaConsumer} reads from mdfe.training-events.
 */
@QuarkusTest
@TestProfile(TrainerServiceKafkaTest.RealKafka.class)
class TrainerServiceKafkaTest {

    /** The configured Kafka connectors instead of the in-memory ones, against the embedded broker. */
    public static class RealKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.training-events.connector", "smallrye-kafka",
                    "mp.messaging.incoming.dataset-events.connector", "smallrye-kafka");
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

    @ConfigProperty(name = "mp.messaging.outgoing.training-events.topic")
    String trainingTopic;

    @ConfigProperty(name = "mp.messaging.incoming.dataset-events.topic")
    String datasetTopic;

    @TempDir
    Path tmp;

    @Test
    void aDatasetUpdateRetrainsItsRecipeAndTheRunIsPublished() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        ManagedChannel channel = DemoTraining.channel(root);
        try (KafkaConsumer<String, byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            TrainerServiceGrpc.TrainerServiceBlockingStub trainer = TrainerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            trainer.registerRecipe(RegisterRecipeRequest.newBuilder().setName("shop-nightly").setDatasetId("shop")
                    .setConfigYaml(DemoTraining.fastYaml(2, "[1,2]")).setEnabled(true).build());

            DatasetEvent updated = DatasetEvent.newBuilder().setUpdated(DatasetUpdated.newBuilder()
                    .setDataset(DatasetInfo.newBuilder().setRef(DatasetRef.newBuilder().setDatasetId("shop")
                            .setVersion("v2")).setRoot(data.toString()).addNames("demo"))
                    .setPreviousVersion("v1")).build();
            producer.send(new ProducerRecord<>(datasetTopic, "shop", updated.toByteArray())).get(30, TimeUnit.SECONDS);

            List<ConsumerRecord<String, byte[]>> records = pollUntilFinished(consumer);
            String runId = records.get(0).key();
            assertTrue(records.stream().allMatch(r -> r.key().equals(runId)), "one run, keyed by its id");
            List<TrainingEvent> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                events.add(TrainingEvent.parseFrom(record.value()));
            }
            assertEquals(List.of(TrainingEvent.KindCase.STARTED, TrainingEvent.KindCase.CHECKPOINT_SAVED,
                    TrainingEvent.KindCase.CHECKPOINT_SAVED, TrainingEvent.KindCase.FINISHED),
                    events.stream().map(TrainingEvent::getKindCase).toList());
            assertEquals("shop-nightly", events.get(0).getStarted().getRecipe());
            assertEquals(DatasetRef.newBuilder().setDatasetId("shop").setVersion("v2").build(),
                    events.get(0).getStarted().getDataset());
            var checkpoint = events.get(2).getCheckpointSaved();
            assertEquals(12, checkpoint.getStep());
            assertEquals(1, checkpoint.getEpoch());
            assertEquals(32, checkpoint.getEmbeddingDim());
            assertEquals("step-12", checkpoint.getModel().getVersion());
            assertTrue(checkpoint.getBundleUri().startsWith("file:/"), checkpoint.getBundleUri());
            assertEquals(12, events.get(3).getFinished().getSteps());
            assertEquals(checkpoint, events.get(3).getFinished().getLastCheckpoint());
            assertTrue(events.get(3).getTimestamp().getSeconds() > 0);

            List<Run> runs = trainer.listRuns(ListRunsRequest.newBuilder().setRecipe("shop-nightly").build())
                    .getRunsList();
            assertEquals(1, runs.size());
            assertEquals(runId, runs.get(0).getRunId());
            assertEquals(RunState.RUN_STATE_SUCCEEDED, runs.get(0).getState());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "trainer-service-kafka-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(trainingTopic));
        return consumer;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    /** Every training record up to the first TrainingFinished or TrainingFailed, or fails after 3 min. */
    private static List<ConsumerRecord<String, byte[]>> pollUntilFinished(KafkaConsumer<String, byte[]> consumer)
            throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                records.add(record);
                TrainingEvent event = TrainingEvent.parseFrom(record.value());
                if (event.hasFinished() || event.hasFailed()) {
                    return records;
                }
            }
        }
        throw new AssertionError("no TrainingFinished within 3 min; got " + records.size() + " records");
    }
}
