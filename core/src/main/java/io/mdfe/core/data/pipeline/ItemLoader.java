package io.mdfe.core.data.pipeline;

import io.mdfe.core.data.image.ImageDecodeException;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.RgbImage;
import io.mdfe.core.data.transform.ImageTransform;
import java.nio.file.Path;
import java.util.List;

/** Loads one item of one epoch into its slot of a batch buffer; runs on a worker thread. */
final class ItemLoader {

    private final List<Path> files;
    private final ImageTransform transform;
    private final long seed;
    private final int epoch;
    private final boolean strict;
    private final long maxPixels;

    ItemLoader(List<Path> files, ImageTransform transform, long seed, int epoch, boolean strict, long maxPixels) {
        this.files = files;
        this.transform = transform;
        this.seed = seed;
        this.epoch = epoch;
        this.strict = strict;
        this.maxPixels = maxPixels;
    }

    int imageFloats() {
        return 3 * transform.size() * transform.size();
    }

    int size() {
        return transform.size();
    }

    /**
     * Decodes and transforms item {@code index} into {@code buffer} at slot {@code slot}.
     *
     * @return null when loaded, or the skip when the image could not be decoded (not strict)
     * @throws PipelineException in strict mode for an undecodable image, or when the transform fails
     */
    SkippedImage load(int index, float[] buffer, int slot) {
        Path path = files.get(index);
        RgbImage image;
        try {
            image = ImageDecoder.decode(path, maxPixels);
        } catch (ImageDecodeException e) {
            String prefix = e.source() + ": ";
            String reason = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return skip(index, path, reason, e);
        }
        float[] pixels;
        try {
            pixels = transform.apply(image, ItemSeeds.forItem(seed, epoch, index));
        } catch (OutOfMemoryError e) {
            // one image too large for the heap fails that image, not the run
            return skip(index, path, "out of memory transforming " + image.width() + "x" + image.height()
                    + " pixels", null);
        } catch (RuntimeException e) {
            throw new PipelineException(path + ": transform failed: " + e, e);
        }
        if (pixels.length != imageFloats()) {
            throw new PipelineException(path + ": transform gave " + pixels.length + " floats, expected " + imageFloats(), null);
        }
        System.arraycopy(pixels, 0, buffer, slot * pixels.length, pixels.length);
        return null;
    }

    private SkippedImage skip(int index, Path path, String reason, Exception cause) {
        if (strict) {
            throw new PipelineException("strict mode: " + path + ": " + reason, cause);
        }
        return new SkippedImage(index, path, reason);
    }
}
