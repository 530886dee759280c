package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
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
import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.KafkaTestProfile;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.mdfe.trainer.events.DatasetEventConsumer;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-driven retraining on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a
 * DatasetUpdated record for a recipe's dataset, published with a {@link TopicWriter} as the data-service
 * would, leads to a run whose TrainingStarted, CheckpointSaved and TrainingFinished records a
 * {@link TopicReader} reads from mdfe.training-events.
 */
@QuarkusTest
@TestProfile(TrainerServiceKafkaTest.RealKafka.class)
class TrainerServiceKafkaTest {

    /** The configured Kafka connectors instead of the in-memory ones, against the embedded broker. */
    public static class RealKafka extends KafkaTestProfile {
        public RealKafka() {
            super(Map.of("mp.messaging.outgoing.training-events.connector", "smallrye-kafka",
                    "mp.messaging.incoming.dataset-events.connector", "smallrye-kafka"));
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

    @Inject
    MeterRegistry registry;

    @Inject
    KnownDatasets knownDatasets;

    @Test
    void aDatasetUpdateRetrainsItsRecipeAndTheRunIsPublished() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        ManagedChannel channel = DemoTraining.channel(root);
        try (TopicReader<TrainingEvent> training = new TopicReader<>(bootstrapServers, trainingTopic,
                TrainingEvent::parseFrom);
             TopicWriter datasets = new TopicWriter(bootstrapServers, datasetTopic)) {
            TrainerServiceGrpc.TrainerServiceBlockingStub trainer = TrainerServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            trainer.registerRecipe(RegisterRecipeRequest.newBuilder().setName("shop-nightly").setDatasetId("shop")
                    .setConfigYaml(DemoTraining.fastYaml(2, "[1,2]")).setEnabled(true).build());

            DatasetEvent updated = DatasetEvent.newBuilder().setUpdated(DatasetUpdated.newBuilder()
                    .setDataset(DatasetInfo.newBuilder().setRef(DatasetRef.newBuilder().setDatasetId("shop")
                            .setVersion("v2")).setRoot(data.toString()).addNames("demo"))
                    .setPreviousVersion("v1")).build();
            datasets.send("shop", updated.toByteArray());

            List<TopicRecord<TrainingEvent>> records = training.readUntil(e -> e.hasFinished() || e.hasFailed(),
                    Duration.ofMinutes(3));
            String runId = records.get(0).key();
            assertTrue(records.stream().allMatch(r -> r.key().equals(runId)), "one run, keyed by its id");
            List<TrainingEvent> events = records.stream().map(TopicRecord::value).toList();
            assertEquals(List.of(TrainingEvent.KindCase.STARTED, TrainingEvent.KindCase.CHECKPOINT_SAVED,
                    TrainingEvent.KindCase.CHECKPOINT_SAVED, TrainingEvent.KindCase.FINISHED),
                    events.stream().map(TrainingEvent::getKindCase).toList());
            assertEquals("shop-nightly", events.get(0).getStarted().getRecipe());
            assertEquals(DatasetRef.newBuilder().setDatasetId("shop").setVersion("v2").build(),
                    events.get(0).getStarted().getDataset());
            var checkpoint = events.get(2).getCheckpointSaved();
            assertEquals(12, checkpoint.getStep());
            assertEquals(2, checkpoint.getEpoch(), "1-based, as TRAIN.save_epoch: the end of the second epoch");
            assertEquals(32, checkpoint.getEmbeddingDim());
            assertEquals("step-12", checkpoint.getModel().getVersion());
            assertTrue(checkpoint.getBundleUri().startsWith("file:/"), checkpoint.getBundleUri());
            assertEquals(12, events.get(3).getFinished().getSteps());
            assertEquals(checkpoint, events.get(3).getFinished().getLastCheckpoint());
            assertTrue(events.get(3).getTimestamp().getSeconds() > 0);

            // a fresh deadline: the first one ran down while the run trained on a busy machine
            List<Run> runs = trainer.withDeadlineAfter(60, TimeUnit.SECONDS).listRuns(ListRunsRequest.newBuilder().setRecipe("shop-nightly").build())
                    .getRunsList();
            assertEquals(1, runs.size());
            assertEquals(runId, runs.get(0).getRunId());
            assertEquals(RunState.RUN_STATE_SUCCEEDED, runs.get(0).getState());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The event contract on the consumer side: an undecodable record and an event naming a folder that does not
     * exist go to the dead-letter topic with their cause and the consumer goes on; an event from a newer
     * data-service (an unknown field, an unknown kind) is read as far as this version understands it; publishing
     * every record again with the same ce_id (a replay) applies nothing twice.
     */
    @Test
    void poisonIsDeadLetteredNewerEventsAreReadAndAReplayAppliesNothingTwice() throws Exception {
        Path lab = Files.createDirectories(tmp.resolve("lab"));
        byte[] undecodable = {(byte) 0xFF, 0x01, 0x02};
        assertThrows(InvalidProtocolBufferException.class, () -> DatasetEvent.parseFrom(undecodable));
        // unknown field 50 (a string) in a DatasetUpdated, and an unknown kind 9 in the envelope
        byte[] withUnknownField = concat(updated("lab", "v1", lab).toByteArray(), new byte[] {(byte) 0x92, 0x03, 3,
            'n', 'e', 'w'});
        byte[] unknownKind = {0x4A, 4, 0x0A, 2, 'i', 'd'};
        assertEquals(DatasetEvent.KindCase.KIND_NOT_SET, DatasetEvent.parseFrom(unknownKind).getKindCase());
        List<byte[]> values = List.of(withUnknownField, undecodable,
                updated("lab-gone", "v1", tmp.resolve("gone")).toByteArray(), unknownKind,
                updated("lab", "v2", lab).toByteArray());
        double applied = consumed("applied");
        double duplicates = consumed("duplicate");
        try (TopicWriter datasets = new TopicWriter(bootstrapServers, datasetTopic);
             TopicReader<byte[]> dead = new TopicReader<>(bootstrapServers, datasetTopic + ".dlq", b -> b)) {
            for (int i = 0; i < values.size(); i++) {
                datasets.send("lab", values.get(i), cloudEvent("replay-test-" + i));
            }
            List<TopicRecord<byte[]>> poison = dead.read(2, Duration.ofSeconds(60));
            assertArrayEquals(undecodable, poison.get(0).value(), "the undecodable bytes, kept as they were");
            assertTrue(poison.get(0).headers().containsKey("deserialization-failure-reason"), poison.get(0).headers()
                    .toString());
            assertTrue(poison.get(1).headers().get("dead-letter-reason").contains("does not exist"),
                    poison.get(1).headers().toString());
            assertEquals("replay-test-2", poison.get(1).headers().get("ce_id"));
            awaitConsumed("applied", applied + 3);
            assertEquals("v2", knownDatasets.find("lab").orElseThrow().version(), "the consumer went on");

            for (int i = 0; i < values.size(); i++) { // the replay: the same records, the same ids
                datasets.send("lab", values.get(i), cloudEvent("replay-test-" + i));
            }
            assertEquals(2, dead.read(2, Duration.ofSeconds(60)).size(), "poison is dead-lettered again");
            awaitConsumed("duplicate", duplicates + 3);
            assertEquals(applied + 3, consumed("applied"), "nothing applied twice");
            assertEquals("v2", knownDatasets.find("lab").orElseThrow().version());
        }
    }

    private static DatasetEvent updated(String datasetId, String version, Path root) {
        return DatasetEvent.newBuilder().setUpdated(DatasetUpdated.newBuilder()
                .setDataset(DatasetInfo.newBuilder().setRef(DatasetRef.newBuilder().setDatasetId(datasetId)
                        .setVersion(version)).setRoot(root.toString()).addNames("demo"))).build();
    }

    private static Map<String, String> cloudEvent(String id) {
        return Map.of("ce_id", id, "ce_source", "data-service", "ce_type", "io.mdfe.dataset.DatasetUpdated.v1",
                "ce_specversion", "1.0", "ce_subject", "lab", "ce_time", "2026-01-01T00:00:00Z");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private double consumed(String outcome) {
        return registry.counter(IdempotentHandler.METRIC, "channel", DatasetEventConsumer.CHANNEL, "outcome", outcome)
                .count();
    }

    private void awaitConsumed(String outcome, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (consumed(outcome) < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, consumed(outcome), outcome);
    }
}
