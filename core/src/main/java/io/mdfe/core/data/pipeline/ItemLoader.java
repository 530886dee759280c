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

    ItemLoader(List<Path> files, ImageTransform transform, long seed, int epoch, boolean strict) {
        this.files = files;
        this.transform = transform;
        this.seed = seed;
        this.epoch = epoch;
        this.strict = strict;
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
            image = ImageDecoder.decode(path);
        } catch (ImageDecodeException e) {
            if (strict) {
                throw new PipelineException("strict mode: " + e.getMessage(), e);
            }
            String prefix = e.source() + ": ";
            String reason = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return new SkippedImage(index, path, reason);
        }
        float[] pixels;
        try {
            pixels = transform.apply(image, ItemSeeds.forItem(seed, epoch, index));
        } catch (RuntimeException e) {
            throw new PipelineException(path + ": transform failed: " + e, e);
        }
        if (pixels.length != imageFloats()) {
            throw new PipelineException(path + ": transform gave " + pixels.length + " floats, expected " + imageFloats(), null);
        }
        System.arraycopy(pixels, 0, buffer, slot * pixels.length, pixels.length);
        return null;
    }
}
