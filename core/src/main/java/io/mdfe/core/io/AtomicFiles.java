package io.mdfe.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes files and directories so that readers never see a partial result, and a crash or power cut
 * leaves either the old or the new content: everything is written to a temporary sibling
 * ({@code .<name>.tmp-*}), synced to disk, renamed into place, and the parent directory is synced.
 * A directory is replaced through a {@link DirectorySwap}; {@link Leftovers} cleans what an interrupted
 * write leaves.
 */
public final class AtomicFiles {

    /** Writes the content of a file or directory into a given temporary path. */
    @FunctionalInterface
    public interface Writer {
        /** Writes into {@code target}, which does not exist yet. */
        void writeTo(Path target) throws IOException;
    }

    /** Writes a stream's bytes. */
    @FunctionalInterface
    public interface StreamWriter {
        /** Writes the content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes the file {@code target} through {@code writer} as one atomic rename. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        writePath(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    /** Writes a UTF-8 text file atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Writes a file or a whole directory to a temporary sibling, syncs it and renames it to {@code target}.
     * An existing target of the same kind is replaced only after the new content is complete; a file is
     * never written over a directory, nor a directory over a file.
     *
     * @throws FileAlreadyExistsException when {@code target} exists and is not of the kind written
     */
    public static void writePath(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path tmp = SiblingName.fresh(absolute, SiblingName.Kind.TMP);
        try {
            writer.writeTo(tmp);
            Fsync.tree(tmp);
            boolean directory = Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS);
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)
                    && Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS) != directory) {
                throw new FileAlreadyExistsException(target.toString(), null, "exists and is "
                        + (directory ? "not a directory" : "a directory") + "; not replaced");
            }
            if (directory) {
                DirectorySwap.replace(tmp, absolute);
            } else {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                Fsync.directory(parent);
            }
        } finally {
            deleteRecursively(tmp);
        }
    }

    /**
     * Refuses to write into a directory that holds anything unless {@code force} is given, so that a
     * command never deletes files it did not write.
     *
     * @param dir the output directory named by the user
     * @param option the option that allows replacing it, for the message (e.g. {@code --force})
     * @throws FileAlreadyExistsException naming {@code dir} when it is a file, or a non-empty directory
     *         and {@code force} is off
     */
    public static void requireEmptyOrAbsent(Path dir, boolean force, String option) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "exists and is not a directory");
        }
        if (!force && Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new FileAlreadyExistsException(dir.toString(), null,
                            "not empty; pass " + option + " to replace it");
                }
            }
        }
    }

    /** Deletes a file or directory tree if it exists; symbolic links are deleted, not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
