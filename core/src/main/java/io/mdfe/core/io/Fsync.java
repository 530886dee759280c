package io.mdfe.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Forces written bytes and directory entries to the storage device. A rename is durable only once the
 * renamed file's bytes and then its parent directory's entry are synced; without it a power cut can leave
 * an empty or half-written file under the final name.
 */
public final class Fsync {

    /** Windows cannot open a directory as a channel; NTFS journals its entries anyway. */
    private static final boolean DIRECTORY_SYNC_SUPPORTED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Fsync() {
    }

    /** Syncs one regular file's content. */
    public static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Syncs a directory's entries (names created, renamed or deleted in it). */
    public static void directory(Path dir) throws IOException {
        if (!DIRECTORY_SYNC_SUPPORTED) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Syncs a file, or every file and directory of a tree, deepest first; symbolic links are not followed. */
    public static void tree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            file(root);
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.sorted((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount())).toList();
        }
        for (Path p : all) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                directory(p);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                file(p);
            }
        }
    }
}
