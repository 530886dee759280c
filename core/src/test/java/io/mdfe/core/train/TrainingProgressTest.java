package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training makes progress or stops naming the cause: unreadable data, batches that are all unreadable,
 * a stop request (ends between steps, checkpoints intact, resumable), and a resume of a finished run.
 */
class TrainingProgressTest {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    static Path data;

    @TempDir
    Path out;

    /** Sets over 8 demo images: "good", "onebad" (+1 corrupt image), "allbad" (6 corrupt images). */
    @BeforeAll
    static void smallSets() throws Exception {
        new DemoDataGenerator(5, DemoScale.CI, 2).write(data.resolve("demo"), false);
        List<String> rows = Files.readAllLines(data.resolve("demo/demo_train.csv"));
        List<String> good = new ArrayList<>(rows.subList(0, 9)); // header + 8
        good.replaceAll(r -> r.startsWith("img_path") ? r : "demo/" + r);
        Files.write(data.resolve("good_train.csv"), good);
        Files.write(data.resolve("bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        List<String> oneBad = new ArrayList<>(good);
        oneBad.add("bad.jpg,0");
        Files.write(data.resolve("onebad_train.csv"), oneBad);
        List<String> allBad = new ArrayList<>(List.of(rows.get(0)));
        for (int i = 0; i < 6; i++) {
            Files.write(data.resolve("bad" + i + ".png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
            allBad.add("bad" + i + ".png," + (i % 2));
        }
        Files.write(data.resolve("allbad_train.csv"), allBad);
    }

    private static MdfeConfig config(String set, String... extra) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("DATASET.names=[" + set + "]", "DATALOADER.batch_size=2",
                "DATALOADER.num_workers=1", "TRAIN.epochs=3", "TRAIN.save_epoch=[1,3]", "TRAIN.print_freq=1"));
        overrides.addAll(List.of(extra));
        return ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), overrides);
    }

    private static TrainingResult train(MdfeConfig cfg, RunDirectory run, boolean resume, StopRequest stop,
                                        TrainingListener listener) throws Exception {
        return TrainingLoop.builder().setConfig(cfg).setDataRoot(data).setRunDirectory(run).optResume(resume)
                .optStop(stop).optListener(listener).build().run();
    }

    /** Where a run used to loop for ever: on a thread of its own, to fail instead of hanging the build. */
    private static TrainingResult trainWithinLimit(MdfeConfig cfg, RunDirectory run) {
        return assertTimeoutPreemptively(LIMIT, () -> train(cfg, run, false, new StopRequest(),
                new TrainingListener() { }), "training must end");
    }

    @Test
    void aTrainingSetWithoutReadableImagesStopsNamingTheCause() throws Exception {
        MdfeConfig cfg = config("allbad");
        RunDirectory run = RunDirectory.create(out, cfg, new Random(1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> trainWithinLimit(cfg, run));
        assertTrue(e.getMessage().startsWith("no image of the training set could be read: 6 skipped, first: "),
                e.getMessage());
        assertTrue(e.getMessage().matches(".*bad\\d\\.png: unsupported image format.*"), e.getMessage());
        assertTrue(Files.size(run.log()) < 10_000, "the log does not grow without end");
    }

    @Test
    void batchesOfOnlyUnreadableImagesDoNotStallTheRun() throws Exception {
        // batch size 1: the corrupt image's batch is dropped, so every epoch gives one step less than planned
        MdfeConfig cfg = config("onebad", "DATALOADER.batch_size=1", "TRAIN.epochs=2", "TRAIN.save_epoch=[2]");
        TrainingResult result = trainWithinLimit(cfg, RunDirectory.create(out, cfg, new Random(2)));
        assertEquals(18, result.steps(), "the planned 2 x 9 steps");
        assertTrue(result.skippedImages() >= 2, "skipped once per pass: " + result.skippedImages());
        assertTrue(Double.isFinite(result.finalLoss()));
    }

    @Test
    void aStopRequestEndsBetweenStepsKeepsTheCheckpointAndResumes() throws Exception {
        MdfeConfig cfg = config("good");
        RunDirectory run = RunDirectory.create(out, cfg, new Random(3));
        StopRequest stop = new StopRequest();
        TrainingStoppedException e = assertThrows(TrainingStoppedException.class, () -> train(cfg, run, false, stop,
                new TrainingListener() {
                    @Override
                    public void onStep(StepStats s) {
                        if (s.step() == 5) {
                            stop.request("test");
                        }
                    }
                }));
        assertEquals(5, e.step());
        Path checkpoint = run.checkpoints().resolve("step-4");
        assertEquals(checkpoint, e.lastCheckpoint().orElseThrow());
        assertTrue(e.getMessage().contains("test") && e.getMessage().contains("step-4"), e.getMessage());
        assertTrue(Files.isRegularFile(checkpoint.resolve("progress.json")));
        assertFalse(Files.exists(run.checkpoints().resolve("step-12")));

        TrainingResult resumed = train(cfg, run, true, new StopRequest(), new TrainingListener() { });
        assertEquals(12, resumed.steps());
        assertFalse(resumed.alreadyFinished());

        TrainingResult again = train(cfg, run, true, new StopRequest(), new TrainingListener() { });
        assertTrue(again.alreadyFinished());
        assertEquals(resumed.finalLoss(), again.finalLoss(), 1e-6, "the finished run's loss, not NaN");
    }
}
