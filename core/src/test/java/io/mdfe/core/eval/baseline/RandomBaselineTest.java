package io.mdfe.core.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.uned.UnedItem;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded Gaussian descriptors: deterministic per seed and item, unit length, and a registry that names its options. */
class RandomBaselineTest {

    private static UnedItem item(String path) {
        // never read: the random baseline does not open images
        return new UnedItem(path, Path.of("/nonexistent").resolve(path), new int[] {1}, 0);
    }

    @Test
    void theSameSeedAndItemGiveTheSameVectorInAnyOrder() {
        RandomBaseline a = new RandomBaseline(42, 32);
        RandomBaseline b = new RandomBaseline(42, 32);
        UnedItem x = item("sop/x.jpg");
        UnedItem y = item("sop/y.jpg");
        float[] ax = a.describe(x);
        b.describe(y); // another item first: the vector of x must not depend on it
        assertArrayEquals(ax, b.describe(x), 0f);
        assertFalse(Arrays.equals(ax, a.describe(y)), "different items differ");
        assertFalse(Arrays.equals(ax, new RandomBaseline(43, 32).describe(x)), "the seed matters");
        assertEquals(32, ax.length);
        double norm = 0;
        for (float v : ax) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5);
        assertTrue(a.description().contains("seed 42") && a.description().contains("32-d"), a.description());
    }

    @Test
    void theRegistryKnowsBothAndNamesTheOptionOnAnUnknownName() {
        assertEquals(List.of("thumbnail", "random"), BaselineRegistry.names());
        BaselineSettings settings = new BaselineSettings(1000, 7, 16);
        assertEquals(64, BaselineRegistry.create("thumbnail", settings, "--baseline").dim());
        assertEquals(16, BaselineRegistry.create("random", settings, "--baseline").dim());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BaselineRegistry.create("sift", settings, "--baseline"));
        assertTrue(e.getMessage().contains("--baseline") && e.getMessage().contains("'sift'")
                && e.getMessage().contains("thumbnail, random"), e.getMessage());
    }
}
