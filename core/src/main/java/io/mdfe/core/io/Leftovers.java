package io.mdfe.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Cleans what an interrupted {@link AtomicFiles} write leaves behind. Each owner of a folder (a service
 * for its state directory at boot, the trainer or CLI when it opens a run folder) calls it before writing:
 * <ul>
 *   <li>{@code .<name>.tmp-*}: new content that was never renamed into place: deleted;</li>
 *   <li>{@code .<name>.old-*} with {@code <name>} missing: a directory swap stopped between its two
 *       renames: the old content is renamed back, so the target is never lost;</li>
 *   <li>{@code .<name>.old-*} with {@code <name>} present: a swap that finished but for the delete: deleted.</li>
 * </ul>
 * Siblings written by another process that is still running are left alone.
 */
public final class Leftovers {

    private static final Logger LOG = Logger.getLogger(Leftovers.class.getName());

    /** What one recovery did, for logs and tests. */
    public record Report(List<Path> deleted, List<Path> restored) {

        /** {@return whether nothing was found} */
        public boolean isEmpty() {
            return deleted.isEmpty() && restored.isEmpty();
        }
    }

    private Leftovers() {
    }

    /**
     * Recovers {@code dir} and its subdirectories down to {@code depth} levels (1 = {@code dir} only).
     * A missing {@code dir} is nothing to do.
     */
    public static Report recover(Path dir, int depth) throws IOException {
        return recover(dir, depth, name -> true);
    }

    /**
     * Recovers only the leftovers of one file or directory, for an owner that shares its folder with
     * others that may be writing at the same time.
     */
    public static Report recoverSiblingsOf(Path target) throws IOException {
        String name = target.getFileName().toString();
        return recover(target.toAbsolutePath().getParent(), 1, name::equals);
    }

    private static Report recover(Path dir, int depth, Predicate<String> targets) throws IOException {
        Report report = new Report(new ArrayList<>(), new ArrayList<>());
        recoverInto(dir, depth, targets, report);
        if (!report.isEmpty()) {
            LOG.info(() -> "cleaned interrupted writes under " + dir + ": restored " + report.restored()
                    + ", deleted " + report.deleted().size() + " leftover(s)");
        }
        return report;
    }

    private static void recoverInto(Path dir, int depth, Predicate<String> targets, Report report)
            throws IOException {
        if (depth < 1 || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted(Comparator.comparing(Path::toString).reversed()).toList();
        }
        boolean changed = false;
        List<Path> keep = new ArrayList<>();
        for (Path entry : entries) {
            Optional<SiblingName> sibling = SiblingName.parse(entry.getFileName().toString());
            if (sibling.isEmpty()) {
                keep.add(entry);
                continue;
            }
            if (sibling.get().ownedByAnotherLiveProcess() || !targets.test(sibling.get().targetName())) {
                continue;
            }
            Path target = dir.resolve(sibling.get().targetName());
            if (sibling.get().kind() == SiblingName.Kind.OLD && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // the newest old copy is first (reverse name order within one process's names): restore it
                Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.warning(() -> "restored " + target + " from " + entry.getFileName()
                        + ": a directory replacement was interrupted between its two renames");
                report.restored().add(target);
                keep.add(target);
            } else {
                deleteIfPresent(entry);
                report.deleted().add(entry);
            }
            changed = true;
        }
        if (changed) {
            Fsync.directory(dir);
        }
        for (Path entry : keep) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                recoverInto(entry, depth - 1, targets, report);
            }
        }
    }

    private static void deleteIfPresent(Path path) throws IOException {
        try {
            AtomicFiles.deleteRecursively(path);
        } catch (NoSuchFileException e) {
            // gone already: the goal
        }
    }
}
