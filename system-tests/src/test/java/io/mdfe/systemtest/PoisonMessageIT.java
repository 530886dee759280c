package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.trainer.Run;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos (d): poison on the topics - bytes that are no event, and a well-formed CheckpointSaved naming a bundle that
 * does not exist - lands in each consumer's dead-letter topic with its cause in a header, and a run started after
 * it still goes through the whole pipeline.
 */
@ExtendWith(SharedPipelineSystem.class)
class PoisonMessageIT {

    private static final byte[] GARBAGE = {(byte) 0xFF, 0x01, 0x02, 0x03};
    private static final Duration DEAD_LETTERED = Duration.ofSeconds(90);

    @Test
    void poisonIsDeadLetteredAndThePipelineGoesOn(PipelineSystem pipeline) throws Exception {
        String bootstrap = pipeline.system().bootstrapServers();
        String missing = pipeline.runsDir().resolve("deleted-run/checkpoints/step-6/bundle").toUri().toString();
        TrainingEvent missingBundle = TrainingEvent.newBuilder().setCheckpointSaved(CheckpointSaved.newBuilder()
                .setRunId("poison-run").setModel(ModelRef.newBuilder().setModelId("poison-model").setVersion("step-6"))
                .setBundleUri(missing).setStep(6).setEpoch(0).setEmbeddingDim(32)).build();
        String missingId = "poison-" + UUID.randomUUID();
        try (TopicWriter training = new TopicWriter(bootstrap, PipelineSystem.TRAINING_TOPIC);
             TopicWriter datasets = new TopicWriter(bootstrap, PipelineSystem.DATASET_TOPIC)) {
            training.send("poison-garbage", GARBAGE);
            training.send("poison-run", missingBundle.toByteArray(), Map.of("ce_id", missingId,
                    "ce_source", "trainer-service", "ce_type", "io.mdfe.training.CheckpointSaved.v1",
                    "ce_specversion", "1.0", "ce_subject", "poison-run"));
            datasets.send("poison-garbage", GARBAGE);
        }

        for (String consumer : List.of("eval-service", "embedder-service")) {
            String dlq = PipelineSystem.TRAINING_TOPIC + "." + consumer + ".dlq";
            List<TopicRecord<byte[]>> dead = awaitRecords(pipeline, dlq, 2);
            assertEquals(List.of("poison-garbage", "poison-run"), dead.stream().map(TopicRecord::key).toList(), dlq);
            assertArrayEquals(GARBAGE, dead.get(0).value(), "the undecodable bytes as they were, on " + dlq);
            assertTrue(hasCause(dead.get(0)), dlq + ": " + dead.get(0).headers());
            assertEquals(missingBundle, TrainingEvent.parseFrom(dead.get(1).value()));
            assertEquals(missingId, dead.get(1).headers().get("ce_id"));
            assertTrue(dead.get(1).headers().getOrDefault("dead-letter-reason", "").contains("deleted-run"),
                    dlq + ": the cause names the bundle: " + dead.get(1).headers());
        }
        List<TopicRecord<byte[]>> deadDatasets = awaitRecords(pipeline, PipelineSystem.DATASET_TOPIC + ".dlq", 1);
        assertEquals("poison-garbage", deadDatasets.get(0).key());
        assertTrue(hasCause(deadDatasets.get(0)), deadDatasets.get(0).headers().toString());

        Run run = pipeline.startRecipeRun("chaos-poison", 2);
        RunEvents events = pipeline.awaitRunAndEvaluations(run.getRunId());
        assertEquals(1, events.started().size(), "TrainingStarted: " + events.started());
        events.assertWholeRun(pipeline.awaitSucceeded(run.getRunId()), 2);
        // nothing else was dead-lettered on the way
        assertEquals(1, pipeline.rawRecords(PipelineSystem.DATASET_TOPIC + ".dlq").size());
        for (String consumer : List.of("eval-service", "embedder-service")) {
            assertEquals(2, pipeline.rawRecords(PipelineSystem.TRAINING_TOPIC + "." + consumer + ".dlq").size());
        }
    }

    private static boolean hasCause(TopicRecord<byte[]> record) {
        return !record.headers().getOrDefault("deserialization-failure-reason",
                record.headers().getOrDefault("dead-letter-reason", "")).isBlank();
    }

    private static List<TopicRecord<byte[]>> awaitRecords(PipelineSystem pipeline, String topic, int count)
            throws Exception {
        return TopicSnapshot.await(pipeline.system().bootstrapServers(), topic, bytes -> bytes,
                records -> records.size() >= count, DEAD_LETTERED);
    }
}
