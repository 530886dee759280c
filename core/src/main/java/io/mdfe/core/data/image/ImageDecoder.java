package io.mdfe.core.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files or bytes into 8-bit RGB rasters through ImageIO; the TwelveMonkeys plugins on
 * the classpath add CMYK and progressive JPEG, WebP and more BMP variants.
 *
 * <p>Every failure is an {@link ImageDecodeException} naming the source and, where known, the
 * format, so callers can count and list skipped images instead of dying mid-epoch.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /** Decodes the file at {@code path}. */
    public static RgbImage decode(Path path) throws ImageDecodeException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(path.toString(), "file not found", e);
        } catch (IOException e) {
            throw new ImageDecodeException(path.toString(), "unreadable: " + e.getMessage(), e);
        }
        return decode(bytes, path.toString());
    }

    /** Decodes encoded image bytes; {@code source} names them in errors. */
    public static RgbImage decode(byte[] bytes, String source) throws ImageDecodeException {
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
            String format = reader.getFormatName();
            try {
                reader.setInput(stream, true, true);
                BufferedImage image = reader.read(0);
                return RgbImage.of(image);
            } catch (IOException | RuntimeException e) {
                throw new ImageDecodeException(source, "corrupt or truncated " + format + ": " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        } catch (ImageDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageDecodeException(source, "unreadable: " + e.getMessage(), e);
        }
    }
}
