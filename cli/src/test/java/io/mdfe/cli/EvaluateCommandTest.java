package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.io.NpyMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mdfe evaluate} on the demo data: a bundle, the same scores from descriptor files, and bad input. */
class EvaluateCommandTest {

    @TempDir
    static Path tmp;

    private static Path data;
    private static Path bundle;

    private static final String CONFIG = Path.of("..", "configs", "demo.yaml").toString();

    @BeforeAll
    static void demo() throws Exception {
        data = tmp.resolve("demo");
        new DemoDataGenerator(3, DemoScale.CI, 2).write(data, false);
        bundle = tmp.resolve("bundle");
        assertEquals(0, CliRun.of("bundle", CONFIG, "--out", bundle.toString()).exit());
    }

    private static List<String> csv(Path dir) throws Exception {
        return Files.readAllLines(dir.resolve("results.csv"));
    }

    @Test
    void bundleAndDescriptorsGiveTheSameScores() throws Exception {
        Path fromBundle = tmp.resolve("eval-bundle");
        CliRun r = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "--split", "test",
                "--batch_size", "16", "--out", fromBundle.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> rows = csv(fromBundle);
        assertEquals("domain,R@1,mMP@5,mAP@5,queries,index,lone_queries,seconds", rows.get(0));
        assertEquals(List.of("sop", "gldv2", "food2k", "rp2k", "mean"), rows.subList(1, rows.size()).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        assertTrue(Files.size(fromBundle.resolve("results.png")) > 0);

        // descriptors: extract each needed split with mdfe extract's format, then score them
        Path descriptors = tmp.resolve("descriptors");
        UnedDataset dataset = UnedDataset.open(data);
        for (var domain : dataset.domainsOnDisk()) {
            for (String split : List.of("test", "index")) {
                Path info = data.resolve("info_files").resolve(domain.name()).resolve(split + ".json");
                if (!Files.exists(info)) {
                    continue;
                }
                Path images = Files.createDirectories(tmp.resolve("lists").resolve(domain.name() + "-" + split));
                // one folder of links in info-file order, so extract's sorted order is the info-file order
                var items = dataset.items(domain, split);
                for (int i = 0; i < items.size(); i++) {
                    Files.createSymbolicLink(images.resolve(String.format("%06d.img.png", i)), items.get(i).image());
                }
                Path out = descriptors.resolve(domain.name()).resolve(split + ".npy");
                Files.createDirectories(out.getParent());
                CliRun ex = CliRun.of("extract", bundle.toString(), images.toString(), "--out", out.toString(), "--strict");
                assertEquals(0, ex.exit(), ex.err());
                assertEquals(items.size(), NpyMatrix.read(out).rows());
            }
        }
        Path fromFiles = tmp.resolve("eval-files");
        CliRun d = CliRun.of("evaluate", CONFIG, data.toString(), "--descriptors", descriptors.toString(), "--split", "test",
                "--out", fromFiles.toString());
        assertEquals(0, d.exit(), d.err());
        List<String> a = csv(fromBundle);
        List<String> b = csv(fromFiles);
        for (int i = 1; i < a.size(); i++) {
            // same metrics; the timing column differs
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')));
        }
    }

    @Test
    void baselinesScoreTheSameSplitAndProtocol() throws Exception {
        Path thumbnail = tmp.resolve("eval-thumbnail");
        CliRun t = CliRun.of("evaluate", CONFIG, data.toString(), "--baseline", "thumbnail", "--split", "test",
                "--protocol", "separate", "--out", thumbnail.toString());
        assertEquals(0, t.exit(), t.err());
        List<String> rows = csv(thumbnail);
        assertEquals("domain,R@1,mMP@5,mAP@5,queries,index,lone_queries,seconds", rows.get(0));
        assertEquals(List.of("sop", "gldv2", "food2k", "rp2k", "mean"), rows.subList(1, rows.size()).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList());
        // separate protocol: each domain searches its own index only, so the index column is the domain's
        UnedDataset dataset = UnedDataset.open(data);
        String sop = rows.get(1);
        var sopDomain = io.mdfe.core.data.uned.UnedDomains.find("sop").orElseThrow();
        assertEquals(dataset.items(sopDomain, sopDomain.test().index()).size(),
                Integer.parseInt(sop.split(",")[5]), sop);

        // random: the same seed scores the same, another seed (a config override) differently
        List<List<String>> scores = new java.util.ArrayList<>();
        for (String seed : List.of("SEED=5", "SEED=5", "SEED=6")) {
            Path out = tmp.resolve("eval-random-" + scores.size());
            CliRun r = CliRun.of("evaluate", CONFIG, data.toString(), "--baseline", "random", "--split", "test",
                    "--out", out.toString(), seed);
            assertEquals(0, r.exit(), r.err());
            scores.add(csv(out).stream().skip(1).map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        }
        assertEquals(scores.get(0), scores.get(1));
        assertFalse(scores.get(0).equals(scores.get(2)), "the seed must change the random descriptors");
    }

    @Test
    void baselineIsExclusiveWithAModelAndNamesItsValues() {
        CliRun both = CliRun.of("evaluate", CONFIG, data.toString(), "--baseline", "thumbnail", "--model_ckpt",
                bundle.toString());
        assertEquals(CliErrors.USER_ERROR, both.exit());
        assertTrue(both.err().contains("--baseline") && both.err().contains("--model_ckpt")
                && both.err().contains("mutually exclusive"), both.err());

        CliRun unknown = CliRun.of("evaluate", CONFIG, data.toString(), "--baseline", "sift");
        assertEquals(CliErrors.USER_ERROR, unknown.exit());
        assertTrue(unknown.err().contains("--baseline") && unknown.err().contains("thumbnail, random"), unknown.err());

        CliRun none = CliRun.of("evaluate", CONFIG, data.toString());
        assertEquals(CliErrors.USER_ERROR, none.exit());
        assertTrue(none.err().contains("--baseline") && none.err().contains("--descriptors"), none.err());
    }

    @Test
    void badInputIsNamed() throws Exception {
        CliRun dim = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "MODEL.embedding_dim=64");
        assertEquals(CliErrors.USER_ERROR, dim.exit());
        assertTrue(dim.err().contains("MODEL.embedding_dim is 64") && dim.err().contains("32-d"), dim.err());

        Path descriptors = Files.createDirectories(tmp.resolve("bad-descriptors/sop"));
        new NpyMatrix(2, 32, new float[64]).write(descriptors.resolve("val.npy"));
        CliRun count = CliRun.of("evaluate", CONFIG, data.toString(), "--descriptors", tmp.resolve("bad-descriptors").toString(),
                "--domains", "sop", "--out", tmp.resolve("bad-out").toString());
        assertEquals(CliErrors.USER_ERROR, count.exit());
        assertTrue(count.err().contains("sop/val") && count.err().contains("2 rows"), count.err());
        assertFalse(Files.exists(tmp.resolve("bad-out/results.csv")), "no partial result file");

        CliRun split = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "--split", "train");
        assertEquals(CliErrors.USER_ERROR, split.exit());
        assertTrue(split.err().contains("--split") && split.err().contains("val, test"), split.err());

        // The config's pixel limit holds for the images evaluate embeds (it used the 64-megapixel default).
        CliRun pixels = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "--domains",
                "sop", "--out", tmp.resolve("pixels-out").toString(), "DATASET.max_image_pixels=100");
        assertEquals(CliErrors.USER_ERROR, pixels.exit());
        assertTrue(pixels.err().contains("exceeds the limit of 100 pixels"), pixels.err());
        assertFalse(Files.exists(tmp.resolve("pixels-out/results.csv")), "no partial result file");

        CliRun domain = CliRun.of("evaluate", CONFIG, data.toString(), "--model_ckpt", bundle.toString(), "--domains", "cars");
        assertEquals(CliErrors.USER_ERROR, domain.exit());
        assertTrue(domain.err().contains("cars"), domain.err());
    }
}
