package io.mdfe.core.index.annoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.Metric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** BuildWorkspace: which level a node works in, what a gather copies, and that levels never change a tree. */
class BuildWorkspaceTest {

    private static ItemVectors items(int rows, int dim) {
        float[] data = ClusteredVectors.generate(3, rows, dim, 12, 0.4);
        ItemVectors items = new ItemVectors(dim, 128); // several chunks, so gathers cross chunk borders
        for (int i = 0; i < rows; i++) {
            items.add(data, i);
        }
        return items;
    }

    @Test
    void levelsGrowFourfoldFromTheBaseUpToTheCap() {
        BuildWorkspace work = new BuildWorkspace(items(300, 64)); // 256-byte rows
        assertEquals(0, work.level(BuildWorkspace.BASE_BYTES / 256));
        assertEquals(1, work.level(BuildWorkspace.BASE_BYTES / 256 + 1));
        assertEquals(1, work.level(4 * BuildWorkspace.BASE_BYTES / 256));
        int largest = BuildWorkspace.MAX_BYTES / 256;
        assertTrue(work.level(largest) >= 0);
        assertEquals(-1, work.level(largest + 1));
    }

    @Test
    void gatherCopiesTheNamedRowsInOrder() {
        int dim = 5;
        ItemVectors items = items(300, dim);
        BuildWorkspace work = new BuildWorkspace(items, 64 * 4 * dim); // level 0 holds 64 rows
        int[] positions = {299, 3, 128, 127, 200};
        int[] gathered = work.gather(items, positions, 0);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, gathered);
        float[] expected = new float[dim];
        float[] actual = new float[dim];
        for (int i = 0; i < positions.length; i++) {
            items.copyRow(positions[i], expected, 0);
            work.buffer(0).copyRow(i, actual, 0);
            assertArrayEquals(expected, actual, "row " + positions[i]);
        }
        assertEquals(64, work.buffer(0).count());
    }

    @Test
    void treesAreTheSameWhateverTheLevels() throws IOException {
        int dim = 7;
        ItemVectors items = items(1000, dim);
        for (Metric metric : Metric.values()) {
            AnnoyDistance distance = AnnoyDistance.of(metric, dim, AnnoyParams.SumOrder.SCALAR);
            float[] extras = new float[items.count()];
            for (int i = 0; i < extras.length; i++) {
                extras[i] = distance.itemExtra(items, i);
            }
            distance.preprocess(items, extras);
            // levels from 2 rows up (a gather at almost every split), and one level larger than all the items
            // (only the root's children gather)
            byte[] tiny = tree(distance, new BuildWorkspace(items, 2 * 4 * dim), extras);
            byte[] none = tree(distance, new BuildWorkspace(items, BuildWorkspace.MAX_BYTES), extras);
            assertTrue(tiny.length > 0);
            assertEquals(-1, Arrays.mismatch(none, tiny), metric + ": first differing byte");
        }
    }

    private static byte[] tree(AnnoyDistance distance, BuildWorkspace work, float[] extras) throws IOException {
        TreeBuilder builder = new TreeBuilder(distance, work, extras, new Kiss64Random(5));
        builder.build();
        NodeStore store = NodeStore.allocate(1000 + builder.count(), distance.nodeBytes, 1 << 20);
        builder.relocate(store, 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeTo(out);
        return out.toByteArray();
    }
}
