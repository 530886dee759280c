package io.mdfe.core.data.transform;

/**
 * An integer pixel rectangle of a source image, as torchvision's crop parameters
 * {@code (top, left, height, width)}.
 *
 * @param left first column
 * @param top first row
 * @param width columns
 * @param height rows
 */
public record CropBox(int left, int top, int width, int height) {

    /** Checks the box is not empty. */
    public CropBox {
        if (width < 1 || height < 1 || left < 0 || top < 0) {
            throw new IllegalArgumentException("crop box " + this + " must have left, top >= 0 and size >= 1");
        }
    }

    /** The box's width / height. */
    public double aspectRatio() {
        return (double) width / height;
    }

    /** Fails when the box does not fit in an image of {@code imageW x imageH}. */
    void requireWithin(int imageW, int imageH) {
        if (left + width > imageW || top + height > imageH) {
            throw new IllegalArgumentException("crop box " + this + " exceeds the " + imageW + "x" + imageH + " image");
        }
    }
}
