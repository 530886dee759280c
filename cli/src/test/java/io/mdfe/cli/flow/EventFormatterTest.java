package io.mdfe.cli.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetRegistered;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.events.TrainingFailed;
import io.mdfe.proto.events.TrainingFinished;
import io.mdfe.proto.events.TrainingStarted;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventFormatterTest {

    private static final Timestamp T = Timestamp.newBuilder().setSeconds(1_800_000_000L).setNanos(123_000_000).build();
    private static final Instant RECORD = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void datasetEventsShowVersionCountsAndRoot() {
        String line = EventFormatter.format(EventFormatter.DATASET_TOPIC, "demo", DatasetEvent.newBuilder()
                .setTimestamp(T).setRegistered(DatasetRegistered.newBuilder().setDataset(DatasetInfo.newBuilder()
                        .setRef(DatasetRef.newBuilder().setDatasetId("demo").setVersion("0123456789abcdef0123"))
                        .setRoot("/data/demo").setFormat(DatasetFormat.DATASET_FORMAT_CSV).setNumSamples(3000)
                        .setNumClasses(40))).build().toByteArray(), RECORD);
        assertEquals("2027-01-15 08:00:00.123  dataset     registered        demo                      "
                + "version=0123456789ab samples=3000 classes=40 format=csv root=/data/demo", line);
    }

    @Test
    void trainingEventsShowTheirKeyFacts() {
        CheckpointSaved checkpoint = CheckpointSaved.newBuilder().setRunId("run-1")
                .setModel(ModelRef.newBuilder().setModelId("m1").setVersion("step-40")).setStep(40).setEpoch(3)
                .setEmbeddingDim(32).build();
        assertTrue(training(TrainingEvent.newBuilder().setStarted(TrainingStarted.newBuilder().setRunId("run-1")
                .setRecipe("demo").setDataset(DatasetRef.newBuilder().setDatasetId("demo").setVersion("abc"))
                .setTotalSteps(80))).endsWith("started           run-1                     recipe=demo dataset=demo@abc"
                + " steps=80"));
        assertTrue(training(TrainingEvent.newBuilder().setCheckpointSaved(checkpoint))
                .endsWith("checkpoint-saved  run-1                     model=m1@step-40 step=40 epoch=3 dim=32"));
        assertTrue(training(TrainingEvent.newBuilder().setFinished(TrainingFinished.newBuilder().setSteps(80)
                .setFinalLoss(6.54321).setLastCheckpoint(checkpoint)))
                .endsWith("finished          run-1                     steps=80 loss=6.5432 last=step-40"));
        assertTrue(training(TrainingEvent.newBuilder().setFailed(TrainingFailed.newBuilder().setStep(7)
                .setReason("FAILED: NaN loss at step 7")))
                .endsWith("failed            run-1                     step=7 reason=\"FAILED: NaN loss at step 7\""));
    }

    @Test
    void evaluationEventsShowTriggerIndexMeansRecallAndReport() {
        String line = EventFormatter.format(EventFormatter.EVALUATION_TOPIC, "m1", EvaluationEvent.newBuilder()
                .setTimestamp(T).setCompleted(EvaluationCompleted.newBuilder().setTrigger("final").setSplit("test")
                        .setModel(ModelRef.newBuilder().setModelId("m1").setVersion("step-80"))
                        .setIndexBackend("annoy").setRecallAt1(0.98765).putMean("R@1", 0.25).putMean("mMP@5", 0.3)
                        .putMean("mAP@5", 0.125).setReportUri("file:///runs/r/report/index.html"))
                .build().toByteArray(), RECORD);
        assertTrue(line.endsWith("completed         m1                        trigger=final model=m1@step-80 split=test"
                + " index=annoy R@1=0.2500 mAP@5=0.1250 mMP@5=0.3000 recall@1-vs-exact=0.9877"
                + " report=file:///runs/r/report/index.html"), line);
    }

    @Test
    void aPayloadThatDoesNotDecodeIsShownNotSkipped() {
        String line = EventFormatter.format(EventFormatter.TRAINING_TOPIC, null, new byte[] {(byte) 0xff, 0x01},
                RECORD);
        assertTrue(line.startsWith("2030-01-01 00:00:00.000  training    undecodable       -                         "
                + "2 bytes: "), line);
    }

    private static String training(TrainingEvent.Builder event) {
        return EventFormatter.format(EventFormatter.TRAINING_TOPIC, "run-1", event.setTimestamp(T).build()
                .toByteArray(), RECORD);
    }
}
