package io.mdfe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.model.bundle.ModelIds;
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
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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

    @Test
    void aSavedCheckpointIsEvaluatedOnceAndItsMetricsPublished() throws Exception {
        DemoFixture.unedData(unedRoot);
        Path bundle = DemoFixture.bundle(allowedRoot.resolve("bundles/kafka"),
                new ModelIds(CHECKPOINT.modelId(), CHECKPOINT.version()));
        CheckpointSaved checkpoint = CheckpointSaved.newBuilder().setRunId("kafka-run")
                .setModel(ModelRef.newBuilder().setModelId(CHECKPOINT.modelId()).setVersion(CHECKPOINT.version()))
                .setBundleUri(bundle.toUri().toString()).setStep(2).setEpoch(1).setEmbeddingDim(32).build();
        List<TrainingEvent> events = List.of(
                TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder().setRunId("kafka-run")).build(),
                TrainingEvent.newBuilder().setCheckpointSaved(checkpoint).build(),
                // Redelivered or repeated: must not be evaluated again.
                TrainingEvent.newBuilder().setCheckpointSaved(checkpoint).build());
        try (TopicReader<EvaluationEvent> evaluations = new TopicReader<>(bootstrapServers, evaluationTopic,
                EvaluationEvent::parseFrom);
             TopicWriter training = new TopicWriter(bootstrapServers, trainingTopic)) {
            for (TrainingEvent event : events) {
                training.send("kafka-run", event.toByteArray());
            }

            EvaluationCompleted completed = awaitCompleted(evaluations);
            assertEquals(CHECKPOINT.modelId(), completed.getModel().getModelId());
            assertEquals("val", completed.getSplit());
            assertEquals("merged", completed.getProtocol());
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
            assertEquals(job.table().mean(), completed.getMeanMap());

            awaitConsumed(events.size());
            List<EvaluationJob> jobs = queue.list().stream().filter(j -> j.model().equals(CHECKPOINT)).toList();
            assertEquals(1, jobs.size(), "one evaluation per checkpoint: " + jobs);
        }
    }

    /** The first EvaluationCompleted of {@link #CHECKPOINT}; other tests' evaluations share the topic. */
    private static EvaluationCompleted awaitCompleted(TopicReader<EvaluationEvent> evaluations) throws Exception {
        TopicRecord<EvaluationEvent> record = evaluations.readFirst(event -> {
            ModelRef model = event.getCompleted().getModel();
            return model.getVersion().equals(CHECKPOINT.version()) && model.getModelId().equals(CHECKPOINT.modelId());
        }, Duration.ofSeconds(300));
        assertEquals(CHECKPOINT.modelId(), record.key(), "keyed by model id");
        assertTrue(record.value().getTimestamp().getSeconds() > 0);
        return record.value().getCompleted();
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
