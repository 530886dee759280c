package io.mdfe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.eval.events.CheckpointListener;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.eval.job.ModelKey;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DomainMetrics;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint evaluation on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a
 * CheckpointSaved published with a {@link TopicWriter}, as the trainer-service will, leads to an
 * EvaluationCompleted read with a {@link TopicReader}; the same checkpoint sent twice is evaluated once.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
class EvaluationKafkaTest {

    private static final ModelKey CHECKPOINT = new ModelKey("kafka-run", "step-2");

    @ConfigProperty(name = KafkaBrokerResource.BOOTSTRAP_SERVERS)
    String bootstrapServers;

    @ConfigProperty(name = "mp.messaging.incoming.training-events.topic")
    String trainingTopic;

    @ConfigProperty(name = "mp.messaging.incoming.training-events.group.id")
    String group;

    @ConfigProperty(name = "mp.messaging.outgoing.evaluation-events.topic")
    String evaluationTopic;

    @ConfigProperty(name = "mdfe.eval.uned-root")
    Path unedRoot;

    @ConfigProperty(name = "mdfe.eval.allowed-root")
    Path allowedRoot;

    @Inject
    JobQueue queue;

    @Inject
    MeterRegistry registry;

    @Test
    void aSavedCheckpointIsEvaluatedOnceAndItsMetricsPublished() throws Exception {
        DemoFixture.unedData(unedRoot);
        Path bundle = DemoFixture.bundle(allowedRoot.resolve("bundles/kafka"),
                new ModelIds(CHECKPOINT.modelId(), CHECKPOINT.version()));
        // the run chose another distance and protocol for its checkpoint evaluations
        Files.writeString(bundle.resolve(ModelBundle.CONFIG), ConfigLoader.load(Path.of("..", "configs", "demo.yaml"),
                List.of("TRAIN.eval_metric=cosine", "TRAIN.eval_protocol=separate")).toYaml());
        CheckpointSaved checkpoint = CheckpointSaved.newBuilder().setRunId("kafka-run")
                .setModel(ModelRef.newBuilder().setModelId(CHECKPOINT.modelId()).setVersion(CHECKPOINT.version()))
                .setBundleUri(bundle.toUri().toString()).setStep(2).setEpoch(1).setEmbeddingDim(32).build();
        TrainingEvent saved = TrainingEvent.newBuilder().setCheckpointSaved(checkpoint).build();
        TrainingEvent missingBundle = TrainingEvent.newBuilder().setCheckpointSaved(checkpoint.toBuilder()
                .setBundleUri(allowedRoot.resolve("bundles/deleted").toUri().toString())).build();
        double duplicates = consumed("duplicate");
        try (TopicReader<EvaluationEvent> evaluations = new TopicReader<>(bootstrapServers, evaluationTopic,
                EvaluationEvent::parseFrom);
             TopicReader<byte[]> dead = new TopicReader<>(bootstrapServers, trainingTopic + ".eval-service.dlq",
                     b -> b);
             TopicWriter training = new TopicWriter(bootstrapServers, trainingTopic)) {
            training.send("kafka-run", TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder()
                    .setRunId("kafka-run")).build().toByteArray());
            training.send("kafka-run", saved.toByteArray(), cloudEvent("checkpoint-1"));
            // the same event relayed twice (same id), and the same checkpoint announced again (another id)
            training.send("kafka-run", saved.toByteArray(), cloudEvent("checkpoint-1"));
            training.send("kafka-run", saved.toByteArray(), cloudEvent("checkpoint-1-again"));
            training.send("kafka-run", missingBundle.toByteArray(), cloudEvent("checkpoint-deleted"));
            int sent = 5;

            TopicRecord<byte[]> poison = dead.read(1, Duration.ofSeconds(120)).get(0);
            assertEquals("checkpoint-deleted", poison.headers().get("ce_id"));
            assertTrue(poison.headers().get("dead-letter-reason").contains("bundles/deleted"), poison.headers()
                    .toString());
            assertEquals(missingBundle, TrainingEvent.parseFrom(poison.value()));

            TopicRecord<EvaluationEvent> record = awaitCompleted(evaluations);
            assertEquals("io.mdfe.evaluation.EvaluationCompleted.v1", record.headers().get("ce_type"));
            assertEquals("eval-service", record.headers().get("ce_source"));
            assertEquals(CHECKPOINT.modelId(), record.headers().get("ce_subject"));
            assertEquals("1.0", record.headers().get("ce_specversion"));
            EvaluationCompleted completed = record.value().getCompleted();
            assertEquals(CHECKPOINT.modelId(), completed.getModel().getModelId());
            assertEquals("val", completed.getSplit());
            assertEquals("separate", completed.getProtocol(), "TRAIN.eval_protocol of the run");
            assertEquals(bundle.toRealPath().toUri().toString(), completed.getBundleUri());
            assertEquals(4, completed.getDomainsCount(), "the demo data's 4 domains");
            double meanRecall = 0;
            for (DomainMetrics domain : completed.getDomainsList()) {
                assertEquals(List.of("R@1", "mAP@5", "mMP@5"),
                        domain.getMetricsMap().keySet().stream().sorted().toList(), domain.getDomain());
                assertTrue(domain.getQueries() > 0 && domain.getIndexItems() > 0, domain.toString());
                meanRecall += domain.getMetricsMap().get("R@1") / completed.getDomainsCount();
            }
            assertEquals(meanRecall, completed.getMeanMap().get("R@1"), 1e-9);

            // The same metrics as the job the service keeps.
            EvaluationJob job = queue.get(completed.getEvaluationId()).orElseThrow();
            assertEquals(JobTrigger.CHECKPOINT, job.trigger());
            assertEquals("angular", job.spec().metric(), "TRAIN.eval_metric cosine of the run");
            assertEquals(job.table().mean(), completed.getMeanMap());

            awaitConsumed(sent);
            List<EvaluationJob> jobs = queue.list().stream().filter(j -> j.model().equals(CHECKPOINT)).toList();
            assertEquals(1, jobs.size(), "one evaluation per checkpoint: " + jobs);
            assertEquals(duplicates + 1, consumed("duplicate"), "the relayed duplicate is recognised by its id");
            evaluations.assertNothingMore(Duration.ofSeconds(2));
        }
    }

    /** The first EvaluationCompleted of {@link #CHECKPOINT}; other tests' evaluations share the topic. */
    private static TopicRecord<EvaluationEvent> awaitCompleted(TopicReader<EvaluationEvent> evaluations)
            throws Exception {
        TopicRecord<EvaluationEvent> record = evaluations.readFirst(event -> {
            ModelRef model = event.getCompleted().getModel();
            return model.getVersion().equals(CHECKPOINT.version()) && model.getModelId().equals(CHECKPOINT.modelId());
        }, Duration.ofSeconds(300));
        assertEquals(CHECKPOINT.modelId(), record.key(), "keyed by model id");
        assertTrue(record.value().getTimestamp().getSeconds() > 0);
        return record;
    }

    private static Map<String, String> cloudEvent(String id) {
        return Map.of("ce_id", id, "ce_source", "trainer-service", "ce_type", "io.mdfe.training.CheckpointSaved.v1",
                "ce_specversion", "1.0", "ce_subject", "kafka-run");
    }

    private double consumed(String outcome) {
        return registry.counter(IdempotentHandler.METRIC, "channel", CheckpointListener.CHANNEL, "outcome", outcome)
                .count();
    }

    /** Waits until the service's consumer group has committed past all {@code count} training events. */
    private void awaitConsumed(int count) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = 0;
            while (System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()
                        .stream().filter(e -> e.getKey().topic().equals(trainingTopic))
                        .map(Map.Entry::getValue).map(Optional::ofNullable)
                        .mapToLong(o -> o.map(OffsetAndMetadata::offset).orElse(0L)).sum();
                if (committed >= count) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the service committed " + committed + " of " + count + " training events");
        }
    }
}
