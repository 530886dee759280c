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
import io.mdfe.testing.kafka.KafkaTestProfile;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
}
