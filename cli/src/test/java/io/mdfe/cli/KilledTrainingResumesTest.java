package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mdfe train} in a child JVM, killed (SIGKILL) after its first checkpoint, then
 * {@code --resume}d: it ends with the same weights and loss as a run that was never interrupted.
 */
class KilledTrainingResumesTest {

    @TempDir
    Path tmp;

    private static final List<String> OVERRIDES = List.of("TRAIN.epochs=4", "TRAIN.save_epoch=[1,2,3,4]",
            "DATALOADER.batch_size=8", "DATALOADER.num_workers=2");

    private Process train(Path data, Path out, Path resume) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("train", Path.of("..", "configs", "demo.yaml").toString(),
                data.toString(), "--output-dir", out.toString(), "--no-eval"));
        if (resume != null) {
            cmd.add("--resume");
            cmd.add(resume.toString());
        }
        cmd.addAll(OVERRIDES);
        return new ProcessBuilder(ChildJvm.mdfe(List.of(), cmd)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
    }

    private static Path onlyRun(Path out) throws Exception {
        return findRun(out).orElseThrow(() -> new AssertionError("no run folder under " + out));
    }

    private static java.util.Optional<Path> findRun(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> runs = Files.list(out)) {
            return runs.filter(p -> Files.isRegularFile(p.resolve("config.yaml"))).findFirst();
        }
    }

    private static float[] embed(Path bundle) throws Exception {
        try (NDManager m = NDManager.newBaseManager(); ModelBundle b = ModelBundle.load(bundle, bundle, m)) {
            return b.embed(m.randomUniform(0f, 1f, new Shape(3, 3, 64, 64))).toFloatArray();
        }
    }

    @Test
    void killedRunResumesToTheSameWeights() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(9, DemoScale.CI, 2).write(data, false);

        Path whole = tmp.resolve("whole");
        assertEquals(0, train(data, whole, null).waitFor(), "uninterrupted run");

        Path broken = tmp.resolve("broken");
        Process child = train(data, broken, null);
        try {
            Path firstCheckpoint = null;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (firstCheckpoint == null && child.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
                java.util.Optional<Path> found = findRun(broken);
                if (found.isPresent() && Files.isRegularFile(found.get().resolve("checkpoints/step-6/progress.json"))) {
                    firstCheckpoint = found.get().resolve("checkpoints/step-6");
                }
            }
            assertTrue(firstCheckpoint != null, "the child wrote its first checkpoint");
            assertTrue(child.isAlive(), "the child is killed mid-run, before it finishes");
        } finally {
            child.destroyForcibly().waitFor();
        }
        Path run = onlyRun(broken);
        assertTrue(!Files.exists(run.resolve("checkpoints/step-24")), "killed before the end");

        assertEquals(0, train(data, broken, run).waitFor(), "resumed run");

        Path a = onlyRun(whole).resolve("checkpoints/step-24/bundle");
        Path b = run.resolve("checkpoints/step-24/bundle");
        try (NDManager seed = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            float[] ea = embed(a);
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            float[] eb = embed(b);
            assertArrayEquals(ea, eb, 1e-5f, "same final weights");
        }
        List<String> curveA = Files.readAllLines(onlyRun(whole).resolve("train_curve.csv"));
        List<String> curveB = Files.readAllLines(run.resolve("train_curve.csv"));
        assertEquals(curveA.size(), curveB.size(), "one curve row per step in both runs");
        String[] lastA = curveA.get(curveA.size() - 1).split(",");
        String[] lastB = curveB.get(curveB.size() - 1).split(",");
        assertEquals(lastA[0], lastB[0]);
        assertEquals(Double.parseDouble(lastA[1]), Double.parseDouble(lastB[1]), 1e-5, "same final loss");
    }
}
