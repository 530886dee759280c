package io.mdfe.core.index.annoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ItemVectors: rows come back as added, across growing and full chunks. */
class ItemVectorsTest {

    @Test
    void rowsSurviveChunkGrowthAndBorders() {
        int dim = 3;
        int rows = 100;
        float[] data = ClusteredVectors.generate(5, rows, dim, 4, 0.5);
        // 64-row chunks: the first grows from 16 rows by doubling, the second starts fresh
        ItemVectors items = new ItemVectors(dim, 64);
        for (int i = 0; i < rows; i++) {
            items.add(data, i);
        }
        assertEquals(rows, items.count());
        float[] row = new float[dim];
        for (int i = 0; i < rows; i++) {
            items.copyRow(i, row, 0);
            assertArrayEquals(Arrays.copyOfRange(data, i * dim, (i + 1) * dim), row, "row " + i);
            assertEquals(data[i * dim + 2], items.chunk(i)[items.offset(i) + 2]);
        }
        assertSame(items.chunk(0), items.chunk(63));
        assertEquals(0, items.offset(64));
        assertThrows(IllegalArgumentException.class, () -> new ItemVectors(dim, 48));
    }
}
