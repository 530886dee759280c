package io.mdfe.core.data.transform;

import io.mdfe.core.data.image.RgbImage;
import java.util.Random;

/**
 * torchvision's {@code Resize(size)} (shorter side to {@code size}, bicubic, antialiased) followed by
 * {@code CenterCrop(size)}: the deterministic {@code openai-clip} geometry.
 */
public final class ResizeCentreCrop implements CropStrategy {

    /** Applies the resize and centre crop; {@code rng} is not used. */
    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public float[] apply(RgbImage image, int size, Random rng) {
        return apply(image, size);
    }

    /** Applies the resize and centre crop. */
    public static float[] apply(RgbImage image, int size) {
        int w = image.width();
        int h = image.height();
        // torchvision 0.14 functional_pil.resize: the longer side is truncated, not rounded
        int newW = w <= h ? size : (int) ((long) size * w / h);
        int newH = w <= h ? (int) ((long) size * h / w) : size;
        if (newW < size || newH < size) {
            throw new IllegalArgumentException("image " + w + "x" + h + " resized to " + newW + "x" + newH
                    + " is smaller than the " + size + " px centre crop");
        }
        // CenterCrop rounds half to even like Python's round()
        int left = (int) Math.rint((newW - size) / 2.0);
        int top = (int) Math.rint((newH - size) / 2.0);
        return BicubicResampler.resizeWindow(image, newW, newH, left, top, size, size);
    }
}
