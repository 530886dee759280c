package io.mdfe.core.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Finds image files under a folder, in a stable (sorted path) order. */
public final class ImageFiles {

    /** File name extensions treated as images (lower case). */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");

    private ImageFiles() {
    }

    /**
     * All image files under {@code dir}, recursively, sorted by path.
     *
     * @throws IOException when {@code dir} is not a readable folder or holds no image
     */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a folder of images");
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).filter(ImageFiles::isImage).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException(dir + ": no image files (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
            }
            return files;
        }
    }

    /** True when the file name has an image extension. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
