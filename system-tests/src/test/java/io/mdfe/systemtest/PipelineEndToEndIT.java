package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.embedder.ModelInfo;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.testing.kafka.TopicRecord;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One dataset through the whole running system, every hop through Kafka or gRPC: the dataset registered with the
 * data-service, its DatasetRegistered making the trainer-service start the recipe's run, a CheckpointSaved per
 * epoch making the embedder-service serve the newest version and the eval-service score each on val, and the
 * run's TrainingFinished making the eval-service score the last checkpoint on test through the index-service and
 * write the run report. Every event kind is counted on every topic, and every record carries the CloudEvents headers.
 */
@ExtendWith(SharedPipelineSystem.class)
class PipelineEndToEndIT {

    private static final int EPOCHS = 2;

    @Test
    void aRegisteredDatasetIsTrainedServedAndEvaluated(PipelineSystem pipeline) throws Exception {
        long start = System.nanoTime();
        Run run = pipeline.startRecipeRun("e2e", EPOCHS);
        Run ended = pipeline.awaitSucceeded(run.getRunId());
        long stepsPerEpoch = ended.getTotalSteps() / EPOCHS;
        assertEquals(EPOCHS * stepsPerEpoch, ended.getTotalSteps(), "whole epochs");
        assertEquals(1, ended.getAttempts(), "one worker, nothing crashed");

        // The evaluations end after the run: a val one per checkpoint, then the test one of the last.
        RunEvents events = pipeline.awaitRunAndEvaluations(ended.getRunId());

        // data-service: one DatasetRegistered for this dataset, nothing else
        List<TopicRecord<DatasetEvent>> datasetRecords = pipeline.datasetEvents().stream()
                .filter(r -> r.key().equals("e2e")).toList();
        assertEquals(1, datasetRecords.size(), "dataset events of e2e: " + datasetRecords);
        DatasetEvent registered = datasetRecords.get(0).value();
        assertTrue(registered.hasRegistered(), registered.toString());
        assertEquals(ended.getDataset().getVersion(), registered.getRegistered().getDataset().getRef().getVersion());
        RunEvents.assertCloudEvents(datasetRecords,
                e -> e.hasRegistered() ? "io.mdfe.dataset.DatasetRegistered.v1" : "io.mdfe.dataset.DatasetUpdated.v1");

        // trainer-service: started once from step 0, a checkpoint per epoch, finished once, never failed
        assertEquals(RunEvents.distinct(events.training()).size(), events.training().size(),
                "no record delivered twice when nothing crashed: " + events.training());
        List<TrainingStarted> started = events.started();
        assertEquals(1, started.size(), "TrainingStarted: " + started);
        assertEquals(0, started.get(0).getStartStep());
        assertEquals(ended.getTotalSteps(), started.get(0).getTotalSteps());
        assertEquals("e2e", started.get(0).getRecipe());
        assertEquals(List.of(stepsPerEpoch, 2 * stepsPerEpoch), events.checkpointSteps());
        List<TrainingFinished> finished = events.finished();
        assertEquals(1, finished.size(), "TrainingFinished: " + finished);
        CheckpointSaved last = events.checkpoints().get(events.checkpoints().size() - 1);
        assertEquals(last, finished.get(0).getLastCheckpoint());
        assertEquals(0, events.failed());
        assertEquals(2 + EPOCHS, events.training().size(), "every training record of the run");
        RunEvents.assertCloudEvents(events.training(), RunEvents::typeOf);

        // embedder-service: hot-reloaded to the newest checkpoint
        ModelInfo served = PipelineSystem.awaitValue("the embedder serving " + last.getModel(), Duration.ofSeconds(60),
                () -> Optional.of(pipeline.embedder().getModel(GetModelRequest.getDefaultInstance()))
                        .filter(m -> m.getModel().equals(last.getModel())));
        assertEquals(last.getBundleUri(), served.getBundleUri());
        assertEquals(last.getEmbeddingDim(), served.getEmbeddingDim());

        // eval-service: one val evaluation per checkpoint, with a figure per demo domain
        Map<String, EvaluationCompleted> val = events.valEvaluationPerVersion();
        assertEquals(events.checkpoints().stream().map(c -> c.getModel().getVersion()).sorted().toList(),
                List.copyOf(val.keySet()));
        for (EvaluationCompleted evaluation : val.values()) {
            assertEquals("val", evaluation.getSplit());
            assertEquals("checkpoint", evaluation.getTrigger());
            assertEquals(ended.getRunId(), evaluation.getRunId());
            assertTrue(evaluation.getDomainsCount() > 1, evaluation.toString());
            assertTrue(evaluation.getMeanMap().containsKey("R@1"), evaluation.getMeanMap().toString());
        }
        // ... then the last checkpoint on test, searched through index-service, and the run report
        assertEquals(1, events.finalEvaluations().size(), "final evaluations: " + events.finalEvaluations());
        EvaluationCompleted test = events.finalEvaluations().get(0);
        assertEquals("test", test.getSplit());
        assertEquals("exact", test.getIndexBackend());
        assertFalse(test.hasRecallAt1(), "exact search has no recall against itself");
        assertEquals(last.getModel(), test.getModel());
        assertEquals(ended.getRunId(), test.getRunId());
        assertTrue(test.getDomainsCount() > 1, test.toString());
        test.getDomainsList().forEach(d -> assertTrue(d.getQueries() > 0 && d.getIndexItems() > 0, d.toString()));
        Path report = Path.of(URI.create(test.getReportUri()));
        assertEquals(Path.of(ended.getRunDir(), "report", "index.html").toRealPath(), report.toRealPath());
        assertTrue(Files.size(report) > 0, report.toString());
        Path csv = report.resolveSibling("report.csv");
        assertTrue(Files.isRegularFile(csv), csv.toString());
        String table = Files.readString(csv);
        for (CheckpointSaved checkpoint : events.checkpoints()) {
            String rows = "\nval," + checkpoint.getStep() + "," + checkpoint.getModel().getVersion() + ",";
            assertTrue(table.contains(rows), "the report's CSV has the val rows" + rows + " in\n" + table);
        }
        assertTrue(table.contains("\ntest," + ended.getTotalSteps() + "," + last.getModel().getVersion() + ",mean,R@1,"),
                "the report's CSV has the test mean R@1:\n" + table);
        assertEquals(EPOCHS + 1, events.evaluations().size(), "every evaluation record of the run");
        RunEvents.assertCloudEvents(events.evaluations(), RunEvents::typeOf);
        events.assertWholeRun(ended, EPOCHS);
        System.out.printf("end to end: dataset registered to last evaluation in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The same flow as a user drives it: {@code mdfe pipeline <config file> <data_dir>} (the packaged command line)
     * registers the recipe and the dataset, follows the run and ends with the test table and the run report.
     */
    @Test
    void mdfePipelineEndsWithTheTestTableAndTheRunReport(PipelineSystem pipeline) throws Exception {
        Path recipe = Files.writeString(pipeline.dir().resolve("pipeline-cli.yaml"), PipelineSystem.recipeYaml(1));
        long start = System.nanoTime();
        MdfeProcess mdfe = MdfeProcess.run(pipeline.dir(), "pipeline", PipelineSystem.RUN_TIMEOUT, "pipeline",
                recipe.toString(), pipeline.demoData().toString(), "--system",
                pipeline.dir().resolve("system.yaml").toString(), "--dataset-id", "pipeline-cli");
        assertEquals(0, mdfe.exitCode(), mdfe.stdout() + mdfe.stderr());
        String out = mdfe.stdout();
        assertTrue(out.contains("recipe pipeline-cli (" + recipe + ") registered, training on dataset pipeline-cli"),
                out);
        Run run = pipeline.trainer().listRuns(ListRunsRequest.newBuilder().setRecipe("pipeline-cli").build())
                .getRunsList().get(0);
        // one line per event: time, topic, kind, subject, facts
        for (String line : List.of("dataset +registered +pipeline-cli ", "training +started +" + run.getRunId() + " ",
                "training +checkpoint-saved +" + run.getRunId() + " ", "training +finished +" + run.getRunId() + " ",
                "evaluation +completed +" + run.getModelId() + " +trigger=checkpoint ",
                "evaluation +completed +" + run.getModelId() + " +trigger=final ")) {
            assertEquals(1, out.lines().filter(l -> Pattern.compile(line).matcher(l).find()).count(),
                    "one event line matching '" + line + "' in\n" + out);
        }
        assertTrue(out.contains("run report: " + Path.of(run.getRunDir(), "report", "index.html")), out);
        assertTrue(out.contains("R@1"), "the test table in\n" + out);
        RunEvents events = pipeline.awaitRunAndEvaluations(run.getRunId());
        events.assertWholeRun(run, 1);
        System.out.printf("mdfe pipeline: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
