package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on the demo data: it learns, writes its outputs, and a resumed run ends where an uninterrupted one does. */
class TrainingLoopTest {

    @TempDir
    static Path data;

    @TempDir
    Path out;

    @BeforeAll
    static void demoData() throws Exception {
        new DemoDataGenerator(7, DemoScale.CI, 2).write(data.resolve("demo"), false);
    }

    private static MdfeConfig config(String... extra) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("DATALOADER.batch_size=8", "DATALOADER.num_workers=2",
                "TRAIN.epochs=4", "TRAIN.save_epoch=[2,4]", "MODEL.NECK.dropout=0.2", "OPTIMIZER.lr=3e-3",
                "SCHEDULER.warmup_steps=1", "TRAIN.print_freq=2"));
        overrides.addAll(List.of(extra));
        return ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), overrides);
    }

    private TrainingResult train(MdfeConfig cfg, RunDirectory run, boolean resume, TrainingListener listener)
            throws Exception {
        return TrainingLoop.builder().setConfig(cfg).setDataRoot(data.resolve("demo")).setRunDirectory(run)
                .optResume(resume).optListener(listener)
                .optEvaluator(c -> java.util.Map.of("bundle_embedding_dim",
                        (double) ModelBundle.readManifest(c.bundle()).embeddingDim()))
                .build().run();
    }

    private static float[] embeddingOf(Path bundle) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); ModelBundle b = ModelBundle.load(bundle, bundle, m)) {
            return b.embed(m.ones(new ai.djl.ndarray.types.Shape(2, 3, 64, 64)).mul(0.25f)).toFloatArray();
        }
    }

    @Test
    void learnsAndWritesTheUpstreamOutputs() throws Exception {
        MdfeConfig cfg = config();
        RunDirectory run = RunDirectory.create(out, cfg, new Random(1));
        List<Double> losses = new ArrayList<>();
        List<Integer> stepEpochs = new ArrayList<>();
        List<Integer> checkpointEpochs = new ArrayList<>();
        TrainingResult result = train(cfg, run, false, new TrainingListener() {
            @Override
            public void onStep(StepStats stats) {
                losses.add(stats.loss());
                stepEpochs.add(stats.epoch());
            }

            @Override
            public void onCheckpoint(CheckpointInfo checkpoint) {
                checkpointEpochs.add(checkpoint.epoch());
            }
        });
        // 48 images / batch 8 = 6 steps an epoch, 4 epochs
        assertEquals(24, result.steps());
        assertEquals(24, losses.size());
        double first = losses.subList(0, 6).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = losses.subList(18, 24).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(last < first, "loss must fall: first epoch " + first + ", last epoch " + last);
        assertTrue(Files.isDirectory(run.checkpoints().resolve("step-12/bundle")));
        assertTrue(Files.isDirectory(run.checkpoints().resolve("step-24/bundle")));
        for (Path p : List.of(run.lossPlot(), run.lrPlot(), run.evalPlot(), run.config(), run.log(), run.evalResults())) {
            assertTrue(Files.size(p) > 0, p + " written");
        }
        assertEquals(3, Files.readAllLines(run.evalResults()).size(), "header + 2 evaluated checkpoints");
        // one numbering, 1-based as TRAIN.save_epoch [2, 4]: steps, checkpoints, progress.json, eval_results.csv
        assertEquals(1, stepEpochs.get(0));
        assertEquals(4, stepEpochs.get(23));
        assertEquals(List.of(2, 4), checkpointEpochs);
        assertEquals(2, CheckpointStore.readState(run.checkpoints().resolve("step-12")).epoch());
        assertEquals(4, CheckpointStore.readState(run.checkpoints().resolve("step-24")).epoch());
        List<String> rows = Files.readAllLines(run.evalResults());
        assertTrue(rows.get(1).startsWith("12,2,") && rows.get(2).startsWith("24,4,"), rows.toString());
        assertTrue(run.dir().getFileName().toString().matches("demo__[0-9a-f]{8}"),
                "MODEL.name demo names the run folder: " + run.dir());
        RunDirectory generated = RunDirectory.create(out, config("MODEL.name=''"), new Random(1));
        assertTrue(generated.dir().getFileName().toString()
                .startsWith("demo-cnn-demo-cnn__ArcFace-k1__custom__Adam-lr0.003__cosine__linear__"), generated.dir().toString());
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes() throws Exception {
        MdfeConfig cfg = config();
        RunDirectory whole = RunDirectory.create(out.resolve("a"), cfg, new Random(1));
        TrainingResult uninterrupted = train(cfg, whole, false, new TrainingListener() { });

        RunDirectory broken = RunDirectory.create(out.resolve("b"), cfg, new Random(2));
        RuntimeException crash = assertThrows(RuntimeException.class, () -> train(cfg, broken, false,
                new TrainingListener() {
                    @Override
                    public void onStep(StepStats stats) {
                        if (stats.step() == 15) {
                            throw new IllegalStateException("simulated crash after step 15");
                        }
                    }
                }));
        assertTrue(crash.getMessage().contains("simulated crash"));
        TrainingResult resumed = train(cfg, broken, true, new TrainingListener() { });

        assertEquals(uninterrupted.steps(), resumed.steps());
        assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 1e-5);
        assertArrayEquals(embeddingOf(uninterrupted.lastCheckpoint().bundle()),
                embeddingOf(resumed.lastCheckpoint().bundle()), 1e-5f);
        assertEquals(Files.readAllLines(whole.dir().resolve("train_curve.csv")).size(),
                Files.readAllLines(broken.dir().resolve("train_curve.csv")).size());
    }

    @Test
    void resumeRefusesOtherData() throws Exception {
        MdfeConfig cfg = config("TRAIN.epochs=2", "TRAIN.save_epoch=[1]");
        RunDirectory run = RunDirectory.create(out, cfg, new Random(3));
        train(cfg, run, false, new TrainingListener() { });
        MdfeConfig otherSeed = config("TRAIN.epochs=2", "TRAIN.save_epoch=[1]", "SEED=5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train(otherSeed, run, true, new TrainingListener() { }));
        assertTrue(e.getMessage().contains("SEED"), e.getMessage());
    }

    @Test
    void batchLargerThanTheDataIsNamed() throws Exception {
        MdfeConfig cfg = config("DATALOADER.batch_size=4096");
        RunDirectory run = RunDirectory.create(out, cfg, new Random(4));
        Exception e = assertThrows(Exception.class, () -> train(cfg, run, false, new TrainingListener() { }));
        assertTrue(e.getMessage().contains("DATALOADER.batch_size"), e.getMessage());
    }
}
