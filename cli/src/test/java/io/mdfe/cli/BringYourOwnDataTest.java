package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UnED-layout folder whose domains are not UnED's ({@code icons}, {@code sprites}) beside one that is
 * ({@code food2k}) trains, evaluates and extracts with no renaming; the train config comes from DATASET.root,
 * the checkpoint evaluations follow TRAIN.eval_metric / eval_protocol and epochs count from 1.
 */
class BringYourOwnDataTest {

    @TempDir
    static Path tmp;

    private static Path data;

    private static final String CONFIG = Path.of("..", "configs", "demo.yaml").toString();

    /** The demo's sop and gldv2 (test -> index) renamed; food2k keeps its UnED name; rp2k left out. */
    private static final Map<String, String> RENAMED = Map.of("sop", "icons", "gldv2", "sprites");

    @BeforeAll
    static void ownData() throws Exception {
        Path demo = tmp.resolve("demo");
        new DemoDataGenerator(3, DemoScale.CI, 2).write(demo, false);
        data = Files.createDirectories(tmp.resolve("own"));
        for (String domain : List.of("sop", "gldv2", "food2k")) {
            String name = RENAMED.getOrDefault(domain, domain);
            Files.move(demo.resolve("images").resolve(domain), Files.createDirectories(data.resolve("images"))
                    .resolve(name));
            Path info = Files.createDirectories(data.resolve("info_files").resolve(name));
            try (Stream<Path> files = Files.list(demo.resolve("info_files").resolve(domain))) {
                for (Path file : files.toList()) {
                    Files.writeString(info.resolve(file.getFileName()), Files.readString(file)
                            .replace("\"path\":\"" + domain + "/", "\"path\":\"" + name + "/"));
                }
            }
        }
    }

    private static Path only(Path dir, String glob) throws Exception {
        try (var found = Files.newDirectoryStream(dir, glob)) {
            List<Path> all = new ArrayList<>();
            found.forEach(all::add);
            assertEquals(1, all.size(), dir + "/" + glob + ": " + all);
            return all.get(0);
        }
    }

    /** domain,R@1,mMP@5 of each row of a results CSV (the timing columns differ between runs). */
    private static List<String> scores(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> String.join(",", List.of(l.split(",")).subList(0, 3)))
                .toList();
    }

    @Test
    void newDomainNamesTrainEvaluateAndExtract() throws Exception {
        Path out = tmp.resolve("runs");
        // no DATA_DIR: DATASET.root names the data
        CliRun train = CliRun.of("train", CONFIG, "--output-dir", out.toString(), "DATASET.root=" + data,
                "DATASET.names=[uned]", "TRAIN.epochs=1", "TRAIN.save_epoch=[1]", "DATALOADER.batch_size=8",
                "DATALOADER.num_workers=1", "TRAIN.eval_metric=cosine", "TRAIN.eval_protocol=separate");
        assertEquals(0, train.exit(), train.err());
        Path run = only(out, "demo__*");
        List<String> evalRows = Files.readAllLines(run.resolve("eval_results.csv"));
        assertEquals(2, evalRows.size(), evalRows.toString());
        Path checkpoint = only(run.resolve("checkpoints"), "step-*");
        String step = checkpoint.getFileName().toString().substring("step-".length());
        assertTrue(evalRows.get(1).startsWith(step + ",1,"), "epoch 1, as TRAIN.save_epoch [1]: " + evalRows);
        String progress = Files.readString(checkpoint.resolve("progress.json"));
        assertTrue(progress.matches("(?s).*\"epoch\"\\s*:\\s*1\\b.*"), progress);
        List<String> atCheckpoint = scores(checkpoint.resolve("eval_val_separate.csv"));
        assertEquals(List.of("food2k", "icons", "sprites", "mean"),
                atCheckpoint.stream().map(l -> l.substring(0, l.indexOf(','))).toList(),
                "food2k keeps UnED id 6; icons and sprites get 8 and 9");

        // extract each val split with the checkpoint's bundle, then score the descriptors without a CONFIG
        Path bundle = checkpoint.resolve("bundle");
        Path descriptors = tmp.resolve("descriptors");
        for (String domain : List.of("icons", "sprites", "food2k")) {
            Path npy = descriptors.resolve(domain).resolve("val.npy");
            Files.createDirectories(npy.getParent());
            CliRun ex = CliRun.of("extract", bundle.toString(),
                    data.resolve("info_files").resolve(domain).resolve("val.json").toString(), "--out", npy.toString());
            assertEquals(0, ex.exit(), ex.err());
        }
        Path scored = tmp.resolve("scored");
        CliRun eval = CliRun.of("evaluate", data.toString(), "--descriptors", descriptors.toString(), "--metric", "cosine",
                "--protocol", "separate", "--out", scored.toString());
        assertEquals(0, eval.exit(), eval.err());
        assertEquals(atCheckpoint, scores(scored.resolve("results.csv")),
                "the checkpoint evaluation used the configured cosine distance and separate protocol");

        // the test split with a bundle: sprites has index.json (test -> index), icons none (test -> test)
        Path test = tmp.resolve("test");
        CliRun onTest = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "--split", "test",
                "--domains", "sprites,icons", "--out", test.toString());
        assertEquals(0, onTest.exit(), onTest.err());
        assertEquals(List.of("icons", "sprites", "mean"), scores(test.resolve("results.csv")).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
    }
}
