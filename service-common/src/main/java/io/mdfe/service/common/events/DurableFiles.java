package io.mdfe.service.common.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe small files: content is written to a temporary sibling, forced to disk, renamed into place, and
 * the directory entry is forced too, so after a power cut the file is either complete or absent. (core's
 * AtomicFiles renames but does not fsync; event journals need the fsync.)
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /**
     * Writes {@code content} to {@code target} durably and atomically.
     *
     * @param target the file
     * @param content its bytes
     * @throws IOException when the disk refuses
     */
    public static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        rename(tmp, target);
    }

    /**
     * Renames {@code from} to {@code to} atomically (replacing it) and forces the directory.
     *
     * @param from an existing file
     * @param to its new name in the same directory
     * @throws IOException when the disk refuses
     */
    public static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(to.toAbsolutePath().getParent());
    }

    /**
     * Deletes a file and forces its directory, so the deletion survives a crash.
     *
     * @param file the file; absent is fine
     * @throws IOException when the disk refuses
     */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.toAbsolutePath().getParent());
        }
    }

    /**
     * Forces a directory's entries to disk (a no-op where the platform cannot open directories).
     *
     * @param directory the directory
     * @throws IOException when the disk refuses
     */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory as a channel; its renames are durable on their own
        }
    }
}
