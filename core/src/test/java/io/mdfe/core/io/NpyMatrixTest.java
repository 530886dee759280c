package io.mdfe.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyMatrixTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatNumpyWrote() throws Exception {
        // written by numpy.save(np.arange(12, dtype=float32).reshape(3, 4) / 7)
        NpyMatrix m = NpyMatrix.read(Path.of(getClass().getResource("/io/numpy_3x4.npy").toURI()));
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        for (int i = 0; i < 12; i++) {
            assertEquals((float) i / 7f, m.data()[i], 1e-7f);
        }
    }

    @Test
    void roundTripsAndLeavesNoTempFiles() throws IOException {
        float[] data = new float[5 * 33];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) Math.sin(i);
        }
        Path file = dir.resolve("v.npy");
        new NpyMatrix(5, 33, data).write(file);
        NpyMatrix back = NpyMatrix.read(file);
        assertEquals(5, back.rows());
        assertArrayEquals(data, back.data());
        assertEquals(0, Files.size(file) % 4);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the final file remains");
        }
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path file = dir.resolve("t.npy");
        new NpyMatrix(4, 4, new float[16]).write(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        IOException e = assertThrows(IOException.class, () -> NpyMatrix.read(file));
        assertTrue(e.getMessage().contains("t.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
