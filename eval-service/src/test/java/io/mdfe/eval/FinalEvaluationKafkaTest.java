package io.mdfe.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DomainMetrics;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The end of a run on a real Kafka broker: two CheckpointSaved events are scored on val, then TrainingFinished
 * makes the service evaluate the last checkpoint on test with its index built through the index-service's gRPC
 * API, publish an EvaluationCompleted (trigger final) and write the run report into the run folder.
 *
 * <p>The index-service here is {@link ExactIndexService}, a test-scope implementation of its gRPC API backed by
 * core's ExactIndex and served by the application under test (no service may import another); the real
 * index-service is exercised by the system test. The numbers are checked against core's benchmark run directly
 * with the in-process exact index, so the remote path must give the same results.
 */
@QuarkusTest
@TestProfile(EvaluationProfile.class)
class FinalEvaluationKafkaTest {

    private static final String RUN = "final-run";
    private static final String MODEL = "final-model";

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

    @ConfigProperty(name = "mdfe.eval.batch-size")
    int batchSize;

    @Inject
    JobQueue queue;

    @Test
    void aFinishedRunIsScoredOnTestThroughTheIndexServiceAndReported() throws Exception {
        DemoFixture.unedData(unedRoot);
        Path runDir = allowedRoot.resolve("runs/" + RUN);
        CheckpointSaved step2 = checkpoint(runDir, 2);
        CheckpointSaved step4 = checkpoint(runDir, 4);
        Files.writeString(runDir.resolve("train_curve.csv"), "step,loss,lr\n1,9.5,0.001\n2,8.25,0.0009\n"
                + "3,7.0,0.0005\n4,6.5,0.0001\n");
        TrainingFinished finished = TrainingFinished.newBuilder().setRunId(RUN).setSteps(4).setFinalLoss(6.5)
                .setLastCheckpoint(step4).build();
        List<TrainingEvent> events = List.of(
                TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder().setRunId(RUN).setTotalSteps(4)).build(),
                TrainingEvent.newBuilder().setCheckpointSaved(step2).build(),
                TrainingEvent.newBuilder().setCheckpointSaved(step4).build(),
                TrainingEvent.newBuilder().setFinished(finished).build(),
                // Redelivered: must not be evaluated again.
                TrainingEvent.newBuilder().setFinished(finished).build());

        List<EvaluationCompleted> mine;
        try (TopicReader<EvaluationEvent> evaluations = new TopicReader<>(bootstrapServers, evaluationTopic,
                EvaluationEvent::parseFrom);
             TopicWriter training = new TopicWriter(bootstrapServers, trainingTopic)) {
            for (TrainingEvent event : events) {
                training.send(RUN, event.toByteArray());
            }
            mine = evaluations.readUntil(e -> isMine(e) && e.getCompleted().getTrigger().equals("final"),
                            Duration.ofSeconds(300)).stream().map(TopicRecord::value)
                    .filter(FinalEvaluationKafkaTest::isMine).map(EvaluationEvent::getCompleted).toList();
        }
        assertEquals(List.of("checkpoint", "checkpoint", "final"),
                mine.stream().map(EvaluationCompleted::getTrigger).toList(), "val per checkpoint, then the test");
        assertEquals(List.of("step-2", "step-4", "step-4"), mine.stream().map(e -> e.getModel().getVersion()).toList());
        EvaluationCompleted test = mine.get(2);
        assertEquals("test", test.getSplit());
        assertEquals("exact", test.getIndexBackend());
        assertFalse(test.hasRecallAt1(), "exact search reports no recall");
        assertEquals(RUN, test.getRunId());
        mine.subList(0, 2).forEach(val -> {
            assertEquals("val", val.getSplit());
            assertEquals(RUN, val.getRunId());
            assertEquals("", val.getReportUri());
        });

        // The index was built through the index-service, searched, and deleted afterwards.
        EvaluationJob job = queue.get(test.getEvaluationId()).orElseThrow();
        assertEquals(JobTrigger.FINAL, job.trigger());
        String index = "eval-" + job.id() + "-1";
        List<String> calls = ExactIndexService.CALLS.stream().filter(c -> c.endsWith(" " + index)).toList();
        assertEquals(List.of("CreateIndex", "AddVectors", "Build", "Search"),
                calls.stream().map(c -> c.split(" ")[0]).distinct().limit(4).toList(), calls.toString());
        assertEquals("Delete " + index, calls.get(calls.size() - 1));
        assertFalse(ExactIndexService.INDEXES.containsKey(index), "deleted after the evaluation");

        // The same numbers as core's benchmark with the in-process exact index.
        EvaluationTable direct = directTest(Path.of(URI.create(step4.getBundleUri())));
        assertEquals(direct.domains().size(), test.getDomainsCount());
        for (int i = 0; i < direct.domains().size(); i++) {
            DomainResult want = direct.domains().get(i);
            DomainMetrics got = test.getDomains(i);
            assertEquals(want.domain(), got.getDomain());
            assertEquals(want.queries(), got.getQueries());
            want.metrics().forEach((name, v) -> assertEquals(v, got.getMetricsMap().get(name), 1e-9,
                    want.domain() + " " + name));
        }

        // The run report: written into the run folder, its CSV holds the events' numbers.
        assertEquals(runDir.resolve("report/index.html").toRealPath().toUri().toString(), test.getReportUri());
        assertTrue(Files.size(runDir.resolve("report/training_curve.png")) > 0);
        assertTrue(Files.size(runDir.resolve("report/val_metrics.png")) > 0);
        Map<String, Double> csv = readCsv(runDir.resolve("report/report.csv"));
        test.getMeanMap().forEach((m, v) -> assertEquals(v, csv.get("test/4/step-4/mean/" + m), m));
        for (DomainMetrics d : test.getDomainsList()) {
            d.getMetricsMap().forEach((m, v) -> assertEquals(v, csv.get("test/4/step-4/" + d.getDomain() + "/" + m)));
        }
        for (EvaluationCompleted val : mine.subList(0, 2)) {
            String version = val.getModel().getVersion();
            val.getMeanMap().forEach((m, v) -> assertEquals(v, csv.get("val/" + version.substring(5) + "/" + version
                    + "/mean/" + m), version + " " + m));
        }
        assertEquals(8.25, csv.get("train/2///loss"));
        String html = Files.readString(runDir.resolve("report/index.html"));
        assertTrue(html.contains(RUN) && html.contains("step-2") && html.contains("step-4"), html);

        awaitAllConsumed();
        List<EvaluationJob> finals = queue.list().stream().filter(j -> j.trigger() == JobTrigger.FINAL
                && j.model().modelId().equals(MODEL)).toList();
        assertEquals(1, finals.size(), "one final evaluation per run: " + finals);
    }

    private static boolean isMine(EvaluationEvent event) {
        return event.getCompleted().getModel().getModelId().equals(MODEL);
    }

    private static CheckpointSaved checkpoint(Path runDir, long step) throws Exception {
        Path bundle = DemoFixture.bundle(runDir.resolve("checkpoints/step-" + step + "/bundle"),
                new ModelIds(MODEL, "step-" + step));
        return CheckpointSaved.newBuilder().setRunId(RUN)
                .setModel(ModelRef.newBuilder().setModelId(MODEL).setVersion("step-" + step))
                .setBundleUri(bundle.toUri().toString()).setStep(step).setEpoch((int) step / 2).setEmbeddingDim(32)
                .setDataset(DatasetRef.newBuilder().setDatasetId("demo").setVersion("v1")).build();
    }

    private EvaluationTable directTest(Path bundle) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             ModelBundle loaded = ModelBundle.load(bundle, bundle, manager)) {
            UnedBenchmark benchmark = new UnedBenchmark(UnedDataset.open(unedRoot), new RetrievalEvaluator(
                    IndexRegistry.local().factory("exact"), Map.of(), RetrievalEvaluator.unedMetrics()),
                    MODEL, "step-4", Metric.EUCLIDEAN);
            return benchmark.run(benchmark.set(UnedSplit.TEST, UnedProtocol.MERGED, List.of()),
                    new BundleEmbeddings(loaded, batchSize, 2, ModelBundle.maxImagePixels(loaded.dir()), n -> { }));
        }
    }

    private static Map<String, Double> readCsv(Path csv) throws Exception {
        Map<String, Double> values = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            values.put(String.join("/", f[0], f[1], f[2], f[3], f[4]), Double.parseDouble(f[5]));
        }
        return values;
    }

    /** Waits until the service's consumer group has committed every training event on the topic. */
    private void awaitAllConsumed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(trainingTopic)).allTopicNames().get().get(trainingTopic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(trainingTopic, p.partition()), OffsetSpec.latest()));
            long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = 0;
            while (System.nanoTime() < deadline) {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()
                        .stream().filter(e -> e.getKey().topic().equals(trainingTopic))
                        .map(Map.Entry::getValue).map(Optional::ofNullable)
                        .mapToLong(o -> o.map(OffsetAndMetadata::offset).orElse(0L)).sum();
                if (committed >= end) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("the service committed " + committed + " of " + end + " training events");
        }
    }
}
