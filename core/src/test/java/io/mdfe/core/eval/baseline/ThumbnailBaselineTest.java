package io.mdfe.core.eval.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.data.image.ImageDecodeException;
import io.mdfe.core.data.image.RgbImage;
import io.mdfe.core.data.uned.UnedItem;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 8x8 grey thumbnails: hand-computed vectors, exact area averaging, decoding through the project's decoder. */
class ThumbnailBaselineTest {

    @TempDir
    Path tmp;

    /** An RGB image whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} (0xRRGGBB). */
    private static BufferedImage image(int w, int h, java.util.function.IntBinaryOperator rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        return img;
    }

    private UnedItem item(String name, BufferedImage img) throws Exception {
        Path file = tmp.resolve(name + ".png");
        ImageIO.write(img, "png", file.toFile());
        return new UnedItem("demo/" + name + ".png", file, new int[] {0}, 0);
    }

    @Test
    void halfWhiteHalfBlackIsTheHandComputedVector() throws Exception {
        // left 8 columns white, right 8 black: thumbnail columns 0-3 are 1, 4-7 are 0; 32 ones -> 1/sqrt(32)
        UnedItem half = item("half", image(16, 16, (x, y) -> x < 8 ? 0xffffff : 0));
        float[] expected = new float[64];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 4; c++) {
                expected[r * 8 + c] = (float) (1 / Math.sqrt(32));
            }
        }
        assertArrayEquals(expected, new ThumbnailBaseline(1_000_000).describe(half), 1e-6f);
    }

    @Test
    void greyIsLumaAndSizesThatAreNotMultiplesOfEightAreAveragedByArea() {
        // 12 x 8: each thumbnail cell spans 1.5 source columns. Columns alternate grey values a, b
        // (pure red 255 -> luma 0.299 * 255, pure blue 255 -> 0.114 * 255). Cell 0 covers
        // column 0 (a) fully and half of column 1 (b): (a + b / 2) / 1.5; cell 1 the other half of
        // column 1 and column 2 (a): (b / 2 + a) / 1.5; and so on, alternating.
        byte[] rgb = new byte[12 * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                rgb[(y * 12 + x) * 3 + (x % 2 == 0 ? 0 : 2)] = (byte) 255;
            }
        }
        double a = 0.299;
        double b = 0.114;
        double even = (a + b / 2) / 1.5;
        double odd = (b / 2 + a) / 1.5;
        // columns: cell c covers [1.5c, 1.5c + 1.5): c even starts on an even (red) column
        double[] row = new double[8];
        for (int c = 0; c < 8; c++) {
            double lo = 1.5 * c;
            double sum = 0;
            for (int x = (int) Math.floor(lo); x < Math.ceil(lo + 1.5); x++) {
                sum += (Math.min(lo + 1.5, x + 1) - Math.max(lo, x)) * (x % 2 == 0 ? a : b);
            }
            row[c] = sum / 1.5;
        }
        assertEquals(even, row[0], 1e-12);
        assertEquals(odd, row[1], 1e-12);
        double norm = 0;
        for (double v : row) {
            norm += 8 * v * v;
        }
        float[] expected = new float[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = (float) (row[i % 8] / Math.sqrt(norm));
        }
        assertArrayEquals(expected, ThumbnailBaseline.thumbnail(new RgbImage(12, 8, rgb)), 1e-6f);
    }

    @Test
    void anIdenticalImageRanksFirst() throws Exception {
        Random rng = new Random(7);
        ThumbnailBaseline baseline = new ThumbnailBaseline(1_000_000);
        float[][] index = new float[6][];
        BufferedImage[] images = new BufferedImage[6];
        for (int i = 0; i < images.length; i++) {
            int[] blocks = rng.ints(16, 0, 0x1000000).toArray();
            images[i] = image(40, 30, (x, y) -> blocks[(y / 8) % 4 * 4 + (x / 10)]);
            index[i] = baseline.describe(item("img" + i, images[i]));
            assertEquals(1.0, dot(index[i], index[i]), 1e-5, "unit length");
        }
        float[] query = baseline.describe(item("copy-of-3", images[3]));
        int best = 0;
        for (int i = 1; i < index.length; i++) {
            if (dot(query, index[i]) > dot(query, index[best])) {
                best = i;
            }
        }
        assertEquals(3, best);
        assertEquals(1.0, dot(query, index[3]), 1e-6);
    }

    @Test
    void thePixelLimitIsTheDecodersAndNamesTheFile() throws Exception {
        UnedItem big = item("big", image(100, 100, (x, y) -> 0x808080));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> new ThumbnailBaseline(9_999).describe(big));
        assertTrue(e.getMessage().contains("big.png"), e.getMessage());
        assertEquals(64, new ThumbnailBaseline(10_000).describe(big).length);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
