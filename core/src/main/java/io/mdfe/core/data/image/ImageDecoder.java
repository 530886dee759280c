package io.mdfe.core.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files or bytes into 8-bit RGB rasters through ImageIO; the TwelveMonkeys plugins on
 * the classpath add CMYK and progressive JPEG, WebP and more BMP variants.
 *
 * <p>Every failure is an {@link ImageDecodeException} naming the source and, where known, the
 * format, so callers can count and list skipped images instead of dying mid-epoch. Hostile files
 * are failures too: an image whose header declares more than {@code maxPixels} pixels is refused
 * before any pixel is decoded (a 1 MB PNG can declare 20000x20000), running out of memory while
 * decoding fails that image only, and a file that ends before its last pixel (the JPEG reader only
 * warns and returns a partly grey image) is reported as truncated.
 */
public final class ImageDecoder {

    /** The default pixel limit: 64 megapixels (DATASET.max_image_pixels). */
    public static final long DEFAULT_MAX_PIXELS = 64_000_000L;

    private ImageDecoder() {
    }

    /** Decodes the file at {@code path} with the default pixel limit. */
    public static RgbImage decode(Path path) throws ImageDecodeException {
        return decode(path, DEFAULT_MAX_PIXELS);
    }

    /** Decodes the file at {@code path}, refusing images of more than {@code maxPixels} pixels. */
    public static RgbImage decode(Path path, long maxPixels) throws ImageDecodeException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(path.toString(), "file not found", e);
        } catch (IOException e) {
            throw new ImageDecodeException(path.toString(), "unreadable: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ImageDecodeException(path.toString(), "file too large to read into memory", null);
        }
        return decode(bytes, path.toString(), maxPixels);
    }

    /** Decodes encoded image bytes with the default pixel limit; {@code source} names them in errors. */
    public static RgbImage decode(byte[] bytes, String source) throws ImageDecodeException {
        return decode(bytes, source, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes encoded image bytes; {@code source} names them in errors.
     *
     * @param maxPixels images whose header declares more pixels (width x height) are refused undecoded
     */
    public static RgbImage decode(byte[] bytes, String source, long maxPixels) throws ImageDecodeException {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be >= 1, got " + maxPixels);
        }
        if (bytes.length == 0) {
            throw new ImageDecodeException(source, "empty file", null);
        }
        try (InputStream in = new ByteArrayInputStream(bytes);
             ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(source, "unsupported image format (no ImageIO reader recognises it)", null);
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            try {
                reader.setInput(stream, true, true);
                return read(reader, source, format, maxPixels);
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageDecodeException(source, "unreadable: " + e.getMessage(), e);
        }
    }

    private static RgbImage read(ImageReader reader, String source, String format, long maxPixels)
            throws ImageDecodeException {
        long width;
        long height;
        try {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(source, "corrupt or truncated " + format + " (header): " + e.getMessage(), e);
        }
        if (width * height > maxPixels) {
            throw new ImageDecodeException(source, format + " of " + width + "x" + height + " = " + width * height
                    + " pixels exceeds the limit of " + maxPixels + " pixels", null);
        }
        List<String> warnings = new ArrayList<>();
        IIOReadWarningListener listener = (r, warning) -> warnings.add(warning);
        reader.addIIOReadWarningListener(listener);
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            RgbImage direct = null;
            if (decodesTo3ByteBgr(reader)) {
                // JPEG's case: the same samples written straight into an RGB raster (about a third of
                // the decode's time went into reordering BGR afterwards)
                direct = new RgbImage((int) width, (int) height, new byte[RgbImage.samples((int) width, (int) height)]);
                param.setDestination(direct.asBufferedImage());
            }
            BufferedImage image = reader.read(0, param);
            String truncation = warnings.stream().filter(ImageDecoder::meansTruncated).findFirst().orElse(null);
            if (truncation != null) {
                throw new ImageDecodeException(source, "truncated " + format + ": " + truncation, null);
            }
            return direct != null ? direct : RgbImage.of(image);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(source, format, width, height);
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO's PNG reader wraps any Throwable, an OutOfMemoryError included, in an IIOException
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError) {
                    throw outOfMemory(source, format, width, height);
                }
            }
            throw new ImageDecodeException(source, "corrupt or truncated " + format + ": " + e.getMessage(), e);
        }
    }

    /** Whether the reader's own destination would be 8-bit sRGB in B, G, R order. */
    private static boolean decodesTo3ByteBgr(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        return types.hasNext() && types.next().getBufferedImageType() == BufferedImage.TYPE_3BYTE_BGR;
    }

    /** libjpeg's "Premature end of JPEG file" and the like: the decoder filled the rest with grey. */
    private static boolean meansTruncated(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        return w.contains("premature end") || w.contains("truncated");
    }

    private static ImageDecodeException outOfMemory(String source, String format, long width, long height) {
        return new ImageDecodeException(source, "out of memory decoding " + format + " of " + width + "x" + height
                + " pixels (lower the pixel limit or give the JVM more heap)", null);
    }
}
