package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.embedder.GetModelRequest;
import io.mdfe.proto.embedder.ModelInfo;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.proto.trainer.Run;
import io.mdfe.testing.kafka.TopicRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One dataset through the whole running system, every hop through Kafka or gRPC: the dataset registered with the
 * data-service, its DatasetRegistered making the trainer-service start the recipe's run, a CheckpointSaved per
 * epoch making the embedder-service serve the newest version and the eval-service score each on val, and the
 * run's end. Every event kind is counted on every topic, and every record carries the CloudEvents headers.
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

        // The val evaluations come after the run's end at the latest one evaluation later.
        pipeline.awaitEvaluationEvents(records -> records.stream().filter(r -> r.value().getCompleted().getModel()
                .getModelId().equals(ended.getModelId())).count() >= EPOCHS, PipelineSystem.RUN_TIMEOUT);
        RunEvents events = RunEvents.of(pipeline, ended);

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
            assertTrue(evaluation.getDomainsCount() > 1, evaluation.toString());
            assertTrue(evaluation.getMeanMap().containsKey("R@1"), evaluation.getMeanMap().toString());
        }
        RunEvents.assertCloudEvents(events.evaluations(), RunEvents::typeOf);
        System.out.printf("end to end: dataset registered to last evaluation in %.1f s%n",
                (System.nanoTime() - start) / 1e9);
    }
}
