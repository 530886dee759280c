package io.mdfe.core.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hostile images fail with a reason, before they cost memory: bombs, truncated files, huge rasters. */
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

    @Test
    void rasterSizeIsComputedWithoutOverflow() {
        // 30000 x 30000 x 3 wraps around to a positive int (-1594967296 + 2^32...) in int arithmetic
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RgbImage.samples(30000, 30000));
        assertTrue(e.getMessage().contains("2700000000"), e.getMessage());
        assertEquals(300, RgbImage.samples(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new RgbImage(50000, 50000, new byte[3]));
    }
}
