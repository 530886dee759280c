package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mdfe train} as the README describes it: --resume rules, a finished run, and --debug after the subcommand. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private static final String CONFIG = Path.of("..", "configs", "demo.yaml").toString();

    @Test
    void resumeAcceptsOtherLoggingKeysAndAFinishedRunSaysSo() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(3, DemoScale.CI, 2).write(data, false);
        Path out = tmp.resolve("runs");
        CliRun first = CliRun.of("train", CONFIG, data.toString(), "--output-dir", out.toString(), "--no-eval",
                "TRAIN.epochs=1", "TRAIN.save_epoch=[1]", "DATALOADER.batch_size=8", "TRAIN.print_freq=2");
        assertEquals(0, first.exit(), first.err());
        Path run;
        try (Stream<Path> runs = Files.list(out)) {
            run = runs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("feature-cache"))
                    .findFirst().orElseThrow();
        }

        CliRun again = CliRun.of("train", CONFIG, data.toString(), "--resume", run.toString(), "--no-eval",
                "TRAIN.epochs=1", "TRAIN.save_epoch=[1]", "DATALOADER.batch_size=8", "TRAIN.print_freq=5",
                "--data_parallelism");
        assertEquals(0, again.exit(), "only the logging key TRAIN.print_freq differs: " + again.err());
        assertTrue(again.out().startsWith("info: --data_parallelism with one device (cpu): nothing to split,"
                + " training on it alone\n"), again.out());
        assertTrue(again.out().contains("the run had already finished at step 6 (final loss "), again.out());
        assertFalse(again.out().contains("NaN"), again.out());

        CliRun other = CliRun.of("train", CONFIG, data.toString(), "--resume", run.toString(), "--no-eval",
                "TRAIN.epochs=1", "TRAIN.save_epoch=[1]", "DATALOADER.batch_size=8", "OPTIMIZER.lr=0.5");
        assertEquals(2, other.exit());
        assertTrue(other.err().contains("OPTIMIZER.lr (0.001 in the run, 0.5 now)"), other.err());
    }

    @Test
    void aDeviceListOtherThanGpusIsRefusedNamingTheOption() {
        CliRun run = CliRun.of("train", CONFIG, tmp.toString(), "--output-dir", tmp.resolve("runs").toString(),
                "--device", "cpu,cuda:1");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--device 'cpu,cuda:1': a list of devices trains data-parallel over GPUs,"
                + " each cuda:N; got 'cpu'"), run.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing is created for a refused device list");
    }

    @Test
    void debugAfterTheSubcommandPrintsTheTrace() {
        CliRun plain = CliRun.of("train", tmp.resolve("missing.yaml").toString(), tmp.toString());
        CliRun debug = CliRun.of("train", tmp.resolve("missing.yaml").toString(), tmp.toString(), "--debug");
        assertEquals(2, plain.exit());
        assertFalse(plain.err().contains("\tat "), plain.err());
        assertTrue(debug.err().startsWith("mdfe train: error: "), debug.err());
        assertTrue(debug.err().contains("\tat io.mdfe."), "--debug after the subcommand gives the trace: " + debug.err());
    }
}
