package io.mdfe.core.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.uned.UnedDomains;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.io.NpyMatrix;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A baseline's split descriptors: rows in item order on several threads, and a missing image named. */
class BaselineEmbeddingsTest {

    @TempDir
    Path tmp;

    @Test
    void rowsFollowTheItemsAndAMissingImageIsNamed() throws Exception {
        List<UnedItem> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i % 16, i / 16, 0xffffff); // one white pixel, a different place each
            Path file = tmp.resolve("i" + i + ".png");
            ImageIO.write(img, "png", file.toFile());
            items.add(new UnedItem("sop/i" + i + ".png", file, new int[] {i}, 1));
        }
        ThumbnailBaseline thumbnail = new ThumbnailBaseline(1_000_000);
        AtomicInteger progress = new AtomicInteger();
        NpyMatrix m = new BaselineEmbeddings(thumbnail, 3, progress::addAndGet).embed(UnedDomains.find("sop").orElseThrow(),
                "test", items);
        assertEquals(20, m.rows());
        assertEquals(64, m.cols());
        assertEquals(20, progress.get());
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(thumbnail.describe(items.get(i)), m.row(i), 0f, "row " + i);
        }

        items.add(new UnedItem("sop/gone.png", tmp.resolve("gone.png"), new int[] {1}, 1));
        IOException e = assertThrows(IOException.class, () -> new BaselineEmbeddings(thumbnail, 2, n -> { })
                .embed(UnedDomains.find("sop").orElseThrow(), "test", items));
        assertTrue(e.getMessage().contains("gone.png"), e.getMessage());
    }
}
