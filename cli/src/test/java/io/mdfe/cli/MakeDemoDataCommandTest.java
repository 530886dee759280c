package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mdfe make-demo-data}: writes both formats and reports them; keeps a non-empty dir unless forced. */
class MakeDemoDataCommandTest {

    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void writesTheCsvAndTheUnedTreeAndPrintsASummary() throws Exception {
        Path dir = tmp.resolve("demo");
        CliRun r = run("make-demo-data", dir.toString(), "--scale", "ci", "--seed", "5");
        assertEquals(0, r.exit(), r.err());
        List<String> csv = Files.readAllLines(dir.resolve("demo_train.csv"));
        assertEquals("img_path,label", csv.get(0));
        assertEquals(4 * 4 * 3 + 1, csv.size(), "4 domains x 4 classes x 3 images at ci scale, plus the header");
        for (String domain : List.of("sop", "food2k", "rp2k", "gldv2")) {
            for (String split : List.of("train", "val", "test")) {
                assertTrue(Files.isRegularFile(dir.resolve("info_files").resolve(domain).resolve(split + ".json")),
                        domain + "/" + split);
            }
            assertTrue(Files.isDirectory(dir.resolve("images").resolve(domain)), domain);
        }
        assertTrue(Files.isRegularFile(dir.resolve("info_files/gldv2/index.json")));
        assertTrue(r.out().contains("training CSV: 48 rows, 16 classes"), r.out());
        assertTrue(r.out().contains("gldv2    test"), r.out());
    }

    @Test
    void refusesANonEmptyDirectoryWithOneLineUnlessForced() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        CliRun refused = run("make-demo-data", dir.toString(), "--scale", "ci");
        assertEquals(CliErrors.USER_ERROR, refused.exit());
        assertTrue(refused.err().contains("not empty") && refused.err().contains("--force"), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertEquals("keep me", Files.readString(dir.resolve("notes.txt")));

        CliRun forced = run("make-demo-data", dir.toString(), "--scale", "ci", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.notExists(dir.resolve("notes.txt")));
        assertTrue(Files.isRegularFile(dir.resolve("demo_train.csv")));
    }

    @Test
    void unknownScaleIsAUserError() {
        CliRun r = run("make-demo-data", tmp.resolve("x").toString(), "--scale", "huge");
        assertEquals(CliErrors.USER_ERROR, r.exit());
        assertTrue(r.err().contains("huge") && r.err().contains("small, ci"), r.err());
        assertTrue(Files.notExists(tmp.resolve("x")));
    }
}
