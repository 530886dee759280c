package io.mdfe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.io.NpyMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mdfe extract} on a UnED info file: info-file order, ids, strict by default, documented format. */
class ExtractCommandTest {

    @TempDir
    Path tmp;

    private Path bundle;
    private Path dataRoot;

    @BeforeEach
    void bundleAndUnedData() throws Exception {
        bundle = tmp.resolve("bundle");
        assertEquals(0, CliRun.of("bundle", Path.of("..", "configs", "demo.yaml").toString(), "--out", bundle.toString()).exit());
        dataRoot = tmp.resolve("uned");
        Path cars = Files.createDirectories(dataRoot.resolve("images/cars"));
        Files.createDirectories(dataRoot.resolve("info_files/cars"));
        Path examples = Path.of("..", "examples", "images");
        Files.copy(examples.resolve("circle_0.jpg"), cars.resolve("a.jpg"));
        Files.copy(examples.resolve("square_1.png"), cars.resolve("b.png"));
        Files.copy(examples.resolve("triangle_2.jpg"), cars.resolve("c.jpg"));
        // Not in sorted order, so a folder-order reading would be caught.
        writeInfo("val", "cars/c.jpg", "cars/a.jpg", "cars/b.png");
    }

    private void writeInfo(String split, String... paths) throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < paths.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"path\": \"").append(paths[i]).append("\", \"class_id\": ").append(i).append('}');
        }
        Files.writeString(dataRoot.resolve("info_files/cars/" + split + ".json"), json.append(']').toString());
    }

    @Test
    void anInfoFileIsEmbeddedInFileOrderWithItsPathsAsIds() throws Exception {
        Path descriptors = Files.createDirectories(tmp.resolve("descriptors/cars"));
        CliRun info = CliRun.of("extract", bundle.toString(), dataRoot.resolve("info_files/cars/val.json").toString(),
                "--out", descriptors.resolve("val.npy").toString());
        assertEquals(0, info.exit(), info.err());
        CliRun folder = CliRun.of("extract", bundle.toString(), dataRoot.resolve("images/cars").toString(),
                "--out", tmp.resolve("folder.npy").toString());
        assertEquals(0, folder.exit(), folder.err());

        NpyMatrix rows = NpyMatrix.read(descriptors.resolve("val.npy"));
        assertEquals(List.of("cars/c.jpg", "cars/a.jpg", "cars/b.png"), Files.readAllLines(descriptors.resolve("val.ids.txt")));
        NpyMatrix sorted = NpyMatrix.read(tmp.resolve("folder.npy"));
        assertEquals(List.of("a.jpg", "b.png", "c.jpg"), Files.readAllLines(tmp.resolve("folder.ids.txt")));
        assertEquals(3, rows.rows());
        assertEquals(32, rows.cols());
        int[] folderRowOf = {2, 0, 1};
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(sorted.row(folderRowOf[r]), rows.row(r), 1e-5f, "row " + r + " is its info-file item");
        }
    }

    @Test
    void thePixelLimitComesFromTheOptionElseTheBundlesConfig() throws Exception {
        String folder = dataRoot.resolve("images/cars").toString();
        CliRun option = CliRun.of("extract", bundle.toString(), folder, "--out", tmp.resolve("o.npy").toString(),
                "--max_image_pixels", "100");
        assertEquals(CliErrors.USER_ERROR, option.exit());
        assertTrue(option.err().contains("no image could be read") && option.err().contains("exceeds the limit of 100 pixels"),
                option.err());

        Path small = tmp.resolve("small-bundle");
        assertEquals(0, CliRun.of("bundle", Path.of("..", "configs", "demo.yaml").toString(), "--out", small.toString(),
                "DATASET.max_image_pixels=100").exit());
        CliRun fromBundle = CliRun.of("extract", small.toString(), folder, "--out", tmp.resolve("b.npy").toString());
        assertEquals(CliErrors.USER_ERROR, fromBundle.exit());
        assertTrue(fromBundle.err().contains("exceeds the limit of 100 pixels"), fromBundle.err());
        assertFalse(Files.exists(tmp.resolve("b.npy")), "no partial output");

        CliRun raised = CliRun.of("extract", small.toString(), folder, "--out", tmp.resolve("r.npy").toString(),
                "--max_image_pixels", "64000000");
        assertEquals(0, raised.exit(), raised.err());
        assertEquals(3, NpyMatrix.read(tmp.resolve("r.npy")).rows());

        CliRun zero = CliRun.of("extract", bundle.toString(), folder, "--out", tmp.resolve("z.npy").toString(),
                "--max_image_pixels", "0");
        assertEquals(CliErrors.USER_ERROR, zero.exit());
        assertTrue(zero.err().contains("--max_image_pixels must be >= 1, got 0"), zero.err());
    }

    @Test
    void anUnreadableItemFailsAnInfoFileUnlessLenient() throws Exception {
        Files.write(dataRoot.resolve("images/cars/bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        writeInfo("test", "cars/a.jpg", "cars/bad.png", "cars/b.png");
        Path out = tmp.resolve("test.npy");
        String infoFile = dataRoot.resolve("info_files/cars/test.json").toString();

        CliRun strict = CliRun.of("extract", bundle.toString(), infoFile, "--out", out.toString());
        assertEquals(CliErrors.USER_ERROR, strict.exit());
        assertTrue(strict.err().contains("bad.png"), strict.err());
        assertFalse(Files.exists(out), "no partial output");

        CliRun lenient = CliRun.of("extract", bundle.toString(), infoFile, "--out", out.toString(), "--lenient");
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.err().contains("bad.png"), "skipped items are listed: " + lenient.err());
        assertEquals(List.of("cars/a.jpg", "cars/b.png"), Files.readAllLines(tmp.resolve("test.ids.txt")));
    }

    @Test
    void aJsonFileOutsideInfoFilesIsRejectedAndTheHelpDocumentsTheFormat() throws Exception {
        Path stray = Files.writeString(tmp.resolve("list.json"), "[]");
        CliRun r = CliRun.of("extract", bundle.toString(), stray.toString(), "--out", tmp.resolve("x.npy").toString());
        assertEquals(CliErrors.USER_ERROR, r.exit());
        assertTrue(r.err().contains("info_files/<domain>/<split>.json"), r.err());

        String help = CliRun.of("extract", "--help").out();
        assertTrue(help.contains("float32") && help.contains("<descriptors dir>/<domain>/<split>.npy")
                && help.contains(".ids.txt"), help);
    }
}
