package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void checkpointEvaluationsCarryTheThumbnailBaseline() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(3, DemoScale.CI, 2).write(data, false);
        Path out = tmp.resolve("runs");
        CliRun train = CliRun.of("train", CONFIG, data.toString(), "--output-dir", out.toString(),
                "TRAIN.epochs=2", "TRAIN.save_epoch=[1,2]", "DATALOADER.batch_size=8");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.out().contains(" thumbnail R@1 "), train.out());
        Path run;
        try (Stream<Path> runs = Files.list(out)) {
            run = runs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().equals("feature-cache"))
                    .findFirst().orElseThrow();
        }
        List<String> rows = Files.readAllLines(run.resolve("eval_results.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals(List.of("step", "epoch", "R@1", "mMP@5", "mAP@5", "thumbnail R@1", "thumbnail mMP@5",
                "thumbnail mAP@5"), header);
        assertEquals(3, rows.size(), "one row per checkpoint");

        // the same figures as mdfe evaluate --baseline thumbnail on the validation split, at every checkpoint
        Path baseline = tmp.resolve("thumbnail-val");
        CliRun eval = CliRun.of("evaluate", CONFIG, data.toString(), "--baseline", "thumbnail", "--out", baseline.toString());
        assertEquals(0, eval.exit(), eval.err());
        List<String> mean = List.of(Files.readAllLines(baseline.resolve("results.csv")).stream()
                .filter(l -> l.startsWith("mean,")).findFirst().orElseThrow().split(","));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = List.of(row.split(","));
            assertEquals(mean.subList(1, 4), cells.subList(5, 8), row);
        }
        assertTrue(Files.size(run.resolve("eval_metrics.png")) > 0);
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
