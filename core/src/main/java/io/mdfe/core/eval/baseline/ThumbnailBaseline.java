package io.mdfe.core.eval.baseline;

import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.RgbImage;
import io.mdfe.core.data.uned.UnedItem;
import java.io.IOException;

/**
 * 8x8 grey thumbnails, L2-normalised: the whole image (not cropped) shrunk by area averaging, grey as
 * ITU-R 601 luma (0.299 r + 0.587 g + 0.114 b, PIL's "L"). Compared by cosine (any metric: the
 * vectors have unit length). It sees only the coarse layout of light and dark, so a model that does
 * not beat it has learnt nothing about the classes.
 */
public final class ThumbnailBaseline implements Baseline {

    /** Thumbnail side in pixels. */
    public static final int SIDE = 8;

    private final long maxImagePixels;

    /** @param maxImagePixels DATASET.max_image_pixels for the decoder */
    public ThumbnailBaseline(long maxImagePixels) {
        this.maxImagePixels = maxImagePixels;
    }

    @Override
    public String name() {
        return "thumbnail";
    }

    @Override
    public String description() {
        return SIDE + "x" + SIDE + " grey thumbnails (area average, luma), L2-normalised, " + dim() + "-d, cosine";
    }

    @Override
    public int dim() {
        return SIDE * SIDE;
    }

    @Override
    public float[] describe(UnedItem item) throws IOException {
        return thumbnail(ImageDecoder.decode(item.image(), maxImagePixels));
    }

    /** The L2-normalised 8x8 grey thumbnail of {@code image}, row by row. */
    public static float[] thumbnail(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double[][] wx = overlaps(w);
        double[][] wy = overlaps(h);
        double[] cells = new double[SIDE * SIDE];
        double[] rowSums = new double[SIDE];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(rowSums, 0);
            for (int x = 0; x < w; x++) {
                double grey = 0.299 * image.sample(x, y, 0) + 0.587 * image.sample(x, y, 1)
                        + 0.114 * image.sample(x, y, 2);
                for (int j = 0; j < SIDE; j++) {
                    rowSums[j] += wx[j][x] * grey;
                }
            }
            for (int i = 0; i < SIDE; i++) {
                if (wy[i][y] != 0) {
                    for (int j = 0; j < SIDE; j++) {
                        cells[i * SIDE + j] += wy[i][y] * rowSums[j];
                    }
                }
            }
        }
        // Each cell covers (w/8) x (h/8) source pixels; dividing by that area gives the mean grey.
        double area = (w / (double) SIDE) * (h / (double) SIDE);
        float[] v = new float[SIDE * SIDE];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (cells[k] / area / 255.0);
        }
        return UnitVectors.normalize(v);
    }

    /**
     * {@code weights[cell][pixel]}: how much of source pixel {@code [p, p + 1)} lies in output cell
     * {@code [cell * n / 8, (cell + 1) * n / 8)}, so sizes that are not multiples of 8 (and images
     * smaller than 8) are averaged exactly.
     */
    private static double[][] overlaps(int n) {
        double[][] weights = new double[SIDE][n];
        double step = n / (double) SIDE;
        for (int cell = 0; cell < SIDE; cell++) {
            double lo = cell * step;
            double hi = (cell + 1) * step;
            for (int p = (int) Math.floor(lo); p < Math.min(n, (int) Math.ceil(hi)); p++) {
                weights[cell][p] = Math.max(0, Math.min(hi, p + 1) - Math.max(lo, p));
            }
        }
        return weights;
    }
}
