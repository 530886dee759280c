package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.io.NpyMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job end to end, and the one-line errors of bad input. */
class CliTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String repo(String relative) {
        return Path.of("..").resolve(relative).toString();
    }

    @Test
    void bundleThenExtractEmbedsEveryImage() throws Exception {
        Path bundle = tmp.resolve("bundle");
        Path vectors = tmp.resolve("v.npy");
        assertEquals(0, run("bundle", repo("configs/demo.yaml"), "--out", bundle.toString(),
                "MODEL.embedding_dim=24").exit());
        CliRun extract = run("extract", bundle.toString(), repo("examples/images"), "--out", vectors.toString(),
                "--batch_size", "4", "--normalize");
        assertEquals(0, extract.exit(), extract.err());
        NpyMatrix m = NpyMatrix.read(vectors);
        List<String> ids = Files.readAllLines(tmp.resolve("v.ids.txt"));
        try (var images = Files.list(Path.of(repo("examples/images")))) {
            assertEquals(images.count(), m.rows());
        }
        assertEquals(m.rows(), ids.size());
        assertEquals(24, m.cols());
        assertEquals(List.copyOf(new java.util.TreeSet<>(ids)), ids, "rows follow the sorted file order");
        for (int r = 0; r < m.rows(); r++) {
            double norm = 0;
            for (float v : m.row(r)) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-4, "--normalize gives unit vectors");
        }
    }

    @Test
    void bundleAndExtractNeverDeleteFilesTheyDidNotWrite() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        CliRun refused = run("bundle", repo("configs/demo.yaml"), "--out", out.toString());
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains(out.toString()) && refused.err().contains("not empty")
                && refused.err().contains("--force"), refused.err());
        assertEquals("years of work", Files.readString(out.resolve("thesis.tex")));

        CliRun forced = run("bundle", repo("configs/demo.yaml"), "--out", out.toString(), "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.isRegularFile(out.resolve("bundle.json")));
        assertFalse(Files.exists(out.resolve("thesis.tex")));

        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(photos.resolve("holiday.jpg"), "precious");
        CliRun extract = run("extract", out.toString(), repo("examples/images"), "--out", photos.toString());
        assertEquals(2, extract.exit(), extract.err());
        assertTrue(extract.err().contains(photos.toString()) && extract.err().contains("directory"), extract.err());
        assertEquals("precious", Files.readString(photos.resolve("holiday.jpg")));
    }

    @Test
    void corruptImagesAreSkippedAndListedOrFailInStrictMode() throws Exception {
        Path bundle = tmp.resolve("bundle");
        assertEquals(0, run("bundle", repo("configs/demo.yaml"), "--out", bundle.toString()).exit());
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(Path.of(repo("examples/images/circle_0.jpg")), images.resolve("a.jpg"));
        Files.write(images.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path out = tmp.resolve("v.npy");

        CliRun lenient = run("extract", bundle.toString(), images.toString(), "--out", out.toString());
        assertEquals(0, lenient.exit(), lenient.err());
        assertEquals(1, NpyMatrix.read(out).rows());

        Files.delete(out);
        CliRun strict = run("extract", bundle.toString(), images.toString(), "--out", out.toString(), "--strict");
        assertEquals(CliErrors.USER_ERROR, strict.exit());
        assertTrue(strict.err().contains("b.png"), strict.err());
        assertFalse(Files.exists(out), "no partial output in strict mode");
    }

    @Test
    void configTypoIsOneLineWithExitCode2() {
        CliRun r = run("bundle", repo("configs/demo.yaml"), "--out", tmp.resolve("b").toString(), "MODEL.HEAD.kk=3");
        assertEquals(CliErrors.USER_ERROR, r.exit());
        assertTrue(r.err().contains("MODEL.HEAD.kk") && r.err().contains("MODEL.HEAD.k"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void unknownBackboneAndMissingBundleAreNamed() {
        CliRun backbone = run("bundle", repo("configs/demo.yaml"), "--out", tmp.resolve("b").toString(),
                "MODEL.BACKBONE.type=vit");
        assertEquals(CliErrors.USER_ERROR, backbone.exit());
        assertTrue(backbone.err().contains("MODEL.BACKBONE.type 'vit'") && backbone.err().contains("demo-cnn"),
                backbone.err());

        CliRun bundle = run("extract", tmp.resolve("none").toString(), repo("examples/images"), "--out",
                tmp.resolve("v.npy").toString());
        assertEquals(CliErrors.USER_ERROR, bundle.exit());
        assertTrue(bundle.err().contains("bundle.json is missing"), bundle.err());
    }
}
