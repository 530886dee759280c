package io.mdfe.core.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decoding gives ImageIO's samples in RGB order; hostile images fail with a reason, before they cost
 * memory: bombs, truncated files, huge rasters.
 */
class ImageDecoderTest {

    @Test
    void aPngDeclaringTooManyPixelsIsRefusedFromItsHeader() throws Exception {
        byte[] bomb = HostileImages.pngDeclaring(20000, 20000);
        assertTrue(bomb.length < 100_000, "a small file: " + bomb.length);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(bomb, "bomb.png"));
        assertEquals("bomb.png: PNG of 20000x20000 = 400000000 pixels exceeds the limit of 64000000 pixels",
                e.getMessage());
        // the limit is a parameter: a lower one refuses smaller images too
        byte[] small = HostileImages.encoded("png", 100, 1);
        assertEquals(100, ImageDecoder.decode(small, "ok.png", 10_000).width());
        ImageDecodeException lower = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.decode(small, "ok.png", 9_999));
        assertTrue(lower.getMessage().contains("exceeds the limit of 9999 pixels"), lower.getMessage());
    }

    @Test
    void truncatedJpegAndPngAreCorruptNotPartial() throws Exception {
        byte[] jpeg = HostileImages.encoded("jpg", 96, 2);
        assertEquals(96, ImageDecoder.decode(jpeg, "whole.jpg").height());
        ImageDecodeException j = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.decode(HostileImages.truncated(jpeg), "cut.jpg"));
        // ImageIO only warns and returns the image with its missing part grey
        assertTrue(j.getMessage().startsWith("cut.jpg: truncated JPEG: "), j.getMessage());
        byte[] png = HostileImages.encoded("png", 96, 3);
        ImageDecodeException p = assertThrows(ImageDecodeException.class,
                () -> ImageDecoder.decode(HostileImages.truncated(png), "cut.png"));
        assertTrue(p.getMessage().startsWith("cut.png: corrupt or truncated PNG"), p.getMessage());
    }

    /** Decoding straight into an RGB raster gives the bytes ImageIO's own image converts to, in every layout. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "jpg, TYPE_3BYTE_BGR, false", "jpg, TYPE_3BYTE_BGR, true", "jpg, TYPE_BYTE_GRAY, false",
        "png, TYPE_3BYTE_BGR, false", "png, TYPE_4BYTE_ABGR, false", "png, TYPE_BYTE_GRAY, false",
        "bmp, TYPE_3BYTE_BGR, false", "bmp, TYPE_INT_RGB, false"})
    void decodesTheSamplesImageIoConverts(String format, String type, boolean progressive) throws Exception {
        byte[] bytes = encode(noise(type, 37, 29), format, progressive);
        RgbImage expected = RgbImage.of(ImageIO.read(new ByteArrayInputStream(bytes)));
        RgbImage actual = ImageDecoder.decode(bytes, "image." + format);
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertArrayEquals(expected.rgb(), actual.rgb());
    }

    private static BufferedImage noise(String type, int width, int height) throws ReflectiveOperationException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.class.getField(type).getInt(null));
        Random random = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // gradients plus noise: JPEG's chroma subsampling and the channel order both show
                image.setRGB(x, y, 0xff000000 | (x * 7 + random.nextInt(20)) << 16 | (y * 8) << 8 | random.nextInt(256));
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void rasterSizeIsComputedWithoutOverflow() {
        // 30000 x 30000 x 3 wraps around to a positive int (-1594967296 + 2^32...) in int arithmetic
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RgbImage.samples(30000, 30000));
        assertTrue(e.getMessage().contains("2700000000"), e.getMessage());
        assertEquals(300, RgbImage.samples(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(50000, 50000, new byte[3]));
    }
}
