package io.mdfe.core.data.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An 8-bit RGB raster in row-major, interleaved order (r, g, b per pixel), the form PIL's
 * {@code convert("RGB")} gives upstream. Alpha is dropped, grey is replicated.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code width * height * 3} samples in 0..255
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /** 8-bit sRGB without alpha: {@link #asBufferedImage}'s colour model (immutable, so one serves every image). */
    private static final ColorModel SRGB_BYTES = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    /** Checks the sample count. */
    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != samples(width, height)) {
            throw new IllegalArgumentException("RGB raster " + width + "x" + height + " needs "
                    + 3L * width * height + " samples, got " + rgb.length);
        }
    }

    /**
     * {@code width * height * 3}, computed in long so a huge image cannot wrap around to a small buffer.
     *
     * @throws IllegalArgumentException when the raster cannot fit one Java array
     */
    public static int samples(int width, int height) {
        long n = 3L * width * height;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("RGB raster " + width + "x" + height + " needs " + n
                    + " samples, more than one array can hold");
        }
        return (int) n;
    }

    /** Converts any decoded ImageIO image to RGB. */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[samples(w, h)];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            // What JPEG decoding gives: 8-bit sRGB, whose data elements are R, G, B per pixel, exactly
            // getRGB's bytes. One bulk copy instead of getRGB's per-pixel colour-model calls, which
            // took about a third of the Java pipeline's samples (JFR, -XX:UseAVX=2).
            image.getRaster().getDataElements(0, 0, w, h, rgb);
            return new RgbImage(w, h, rgb);
        }
        // Row by row: a whole-image int[] of ARGB would need another 4 bytes per pixel at once.
        int[] argb = new int[w];
        int i = 0;
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, argb, 0, w);
            for (int p : argb) {
                rgb[i++] = (byte) (p >>> 16);
                rgb[i++] = (byte) (p >>> 8);
                rgb[i++] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * A BufferedImage over this raster's own samples (sRGB, bands r, g, b): a decoder given it as its
     * destination writes the RGB samples in place, where its default 3-byte BGR image would need a
     * per-pixel reordering afterwards.
     */
    public BufferedImage asBufferedImage() {
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), width, height,
                3 * width, 3, new int[] {0, 1, 2}, null);
        return new BufferedImage(SRGB_BYTES, raster, false, null);
    }

    /** Sample {@code c} (0 = r, 1 = g, 2 = b) of pixel (x, y) as 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
