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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Checkpoint evaluation on a real Kafka broker (the in-process KRaft broker of mdfe-test-kafka): a
 * CheckpointSaved published with a plain {@link KafkaProducer}, as the trainer-service will, leads to an
 * EvaluationCompleted read with a plain {@link KafkaConsumer}; the same checkpoint sent twice is evaluated
 * once.
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
        try (KafkaConsumer<String, byte[]> consumer = consumer();
             KafkaProducer<String, byte[]> producer = producer()) {
            for (TrainingEvent event : events) {
                producer.send(new ProducerRecord<>(trainingTopic, "kafka-run", event.toByteArray())).get();
            }

            EvaluationCompleted completed = awaitCompleted(consumer);
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
    private EvaluationCompleted awaitCompleted(KafkaConsumer<String, byte[]> consumer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                EvaluationEvent event = EvaluationEvent.parseFrom(record.value());
                EvaluationCompleted completed = event.getCompleted();
                if (completed.getModel().getVersion().equals(CHECKPOINT.version())
                        && completed.getModel().getModelId().equals(CHECKPOINT.modelId())) {
                    assertEquals(CHECKPOINT.modelId(), record.key(), "keyed by model id");
                    assertTrue(event.getTimestamp().getSeconds() > 0);
                    return completed;
                }
            }
        }
        throw new AssertionError("no EvaluationCompleted for " + CHECKPOINT + " within 300 s");
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

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "eval-service-kafka-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        consumer.subscribe(List.of(evaluationTopic));
        return consumer;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }
}
