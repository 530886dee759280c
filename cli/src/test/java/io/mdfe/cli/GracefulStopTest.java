package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code mdfe train} in a child JVM, mid-run after its first checkpoint: it ends the step in
 * progress, prints one line naming the step, the intact checkpoint and how to resume, exits with 143, leaves no
 * hs_err file, and {@code --resume} then finishes the run.
 */
class GracefulStopTest {

    @TempDir
    Path tmp;

    private Process train(Path data, Path out, Path resume, Path log) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", Path.of("..", "configs", "demo.yaml").toAbsolutePath().toString(),
                data.toString(), "--output-dir", out.toString(), "--no-eval", "TRAIN.epochs=3",
                "TRAIN.save_epoch=[1,3]", "TRAIN.print_freq=1", "DATALOADER.batch_size=8", "DATALOADER.num_workers=2"));
        if (resume != null) {
            args.addAll(List.of("--resume", resume.toString()));
        }
        // the working directory is where the JVM would drop hs_err_pid*.log
        return new ProcessBuilder(ChildJvm.mdfe(List.of("-Xmx512m"), args)).directory(tmp.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void sigtermEndsTheStepKeepsTheCheckpointAndTheRunResumes() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(9, DemoScale.CI, 2).write(data, false);
        Path out = tmp.resolve("runs");
        Path log = tmp.resolve("child.log");
        Process child = train(data, out, null, log);
        Path run = null;
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            // past the first checkpoint (step 6) and into the next steps: backward passes are running
            while (child.isAlive() && Instant.now().isBefore(deadline)) {
                run = findRun(out);
                if (run != null && Files.isRegularFile(run.resolve("train.log"))
                        && Files.readString(run.resolve("train.log")).contains("step 8/18")) {
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(child.isAlive(), "signalled mid-run: " + Files.readString(log));
            child.destroy(); // SIGTERM
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child ends after the signal");
        } finally {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertEquals(143, child.exitValue(), output);
        assertTrue(output.contains("mdfe train: stopped after step "), output);
        assertTrue(output.contains("last checkpoint " + run.resolve("checkpoints").resolve("step-6")), output);
        assertTrue(output.contains("continue with: --resume " + run), output);
        assertFalse(output.contains("SIGSEGV") || output.contains("fatal error"), output);
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "no JVM crash file");
        }
        Path bundle = run.resolve("checkpoints/step-6/bundle");
        try (NDManager m = NDManager.newBaseManager(); ModelBundle b = ModelBundle.load(bundle, bundle, m)) {
            assertEquals(32, b.manifest().embeddingDim(), "the checkpoint loads");
        }
        assertFalse(Files.exists(run.resolve("checkpoints/step-18")), "stopped before the end");

        Process resumed = train(data, out, run, tmp.resolve("resumed.log"));
        assertTrue(resumed.waitFor(4, TimeUnit.MINUTES));
        assertEquals(0, resumed.exitValue(), Files.readString(tmp.resolve("resumed.log")));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/step-18/progress.json")));
    }

    private static Path findRun(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return null;
        }
        try (Stream<Path> runs = Files.list(out)) {
            return runs.filter(p -> Files.isRegularFile(p.resolve("config.yaml"))).findFirst().orElse(null);
        }
    }
}
