package io.mdfe.core.data.image;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB raster in row-major, interleaved order (r, g, b per pixel), the form PIL's
 * {@code convert("RGB")} gives upstream. Alpha is dropped, grey is replicated.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code width * height * 3} samples in 0..255
 */
public record RgbImage(int width, int height, byte[] rgb) {

    /** Checks the sample count. */
    public RgbImage {
        if (width < 1 || height < 1 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("RGB raster " + width + "x" + height + " needs "
                    + (width * height * 3) + " samples, got " + rgb.length);
        }
    }

    /** Converts any decoded ImageIO image to RGB. */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            rgb[3 * i] = (byte) (p >>> 16);
            rgb[3 * i + 1] = (byte) (p >>> 8);
            rgb[3 * i + 2] = (byte) p;
        }
        return new RgbImage(w, h, rgb);
    }

    /** Sample {@code c} (0 = r, 1 = g, 2 = b) of pixel (x, y) as 0..255. */
    public int sample(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
