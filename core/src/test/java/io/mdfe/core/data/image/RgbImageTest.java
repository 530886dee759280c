package io.mdfe.core.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every decoded image type converts to the R, G, B bytes that {@link BufferedImage#getRGB} reports. */
class RgbImageTest {

    @Test
    void bgrRastersCopyTheSameBytesAsGetRgbAlsoForSubimages() {
        BufferedImage bgr = random(BufferedImage.TYPE_3BYTE_BGR, 37, 23, 1);
        assertArrayEquals(viaGetRgb(bgr), RgbImage.of(bgr).rgb());
        // a subimage shares its parent's buffer with an offset and the parent's row stride
        BufferedImage sub = bgr.getSubimage(5, 3, 20, 11);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, sub.getType());
        assertArrayEquals(viaGetRgb(sub), RgbImage.of(sub).rgb());
    }

    @Test
    void otherTypesGoThroughTheColourModel() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage image = random(type, 19, 7, type);
            assertArrayEquals(viaGetRgb(image), RgbImage.of(image).rgb(), "type " + type);
        }
    }

    private static BufferedImage random(int type, int w, int h, long seed) {
        BufferedImage image = new BufferedImage(w, h, type);
        Random rng = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rng.nextInt());
            }
        }
        return image;
    }

    private static byte[] viaGetRgb(BufferedImage image) {
        byte[] rgb = new byte[3 * image.getWidth() * image.getHeight()];
        int i = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                rgb[i++] = (byte) (p >>> 16);
                rgb[i++] = (byte) (p >>> 8);
                rgb[i++] = (byte) p;
            }
        }
        return rgb;
    }
}
