package io.mdfe.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a directory by a complete new one. POSIX cannot rename a directory over a non-empty one, so
 * it takes two renames: target to an {@code .old-} sibling, then the new directory to the target, each
 * synced, and only then the old one is deleted. A crash between the two renames leaves the target
 * missing but its old content intact under the {@code .old-} name; {@link Leftovers#recover} puts it
 * back at the next start.
 */
final class DirectorySwap {

    private DirectorySwap() {
    }

    /**
     * Moves the complete directory {@code fresh} to {@code target}, replacing whatever directory was there.
     *
     * @param fresh a synced sibling directory of {@code target}
     * @param target the directory to replace or create
     */
    static void replace(Path fresh, Path target) throws IOException {
        Path parent = target.getParent();
        Path old = Files.isDirectory(target) ? aside(target) : null;
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(parent);
        if (old != null) {
            AtomicFiles.deleteRecursively(old);
        }
    }

    /**
     * First step of a swap: renames {@code target} to a fresh {@code .old-} sibling and syncs the parent.
     * Visible to tests, which stop here to play a crash.
     *
     * @return the sibling now holding the old content
     */
    static Path aside(Path target) throws IOException {
        Path old = SiblingName.fresh(target, SiblingName.Kind.OLD);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(target.getParent());
        return old;
    }
}
