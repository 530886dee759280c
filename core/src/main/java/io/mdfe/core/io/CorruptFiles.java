package io.mdfe.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/**
 * Moves an unreadable state file aside, so that one corrupt file never stops a service from starting
 * and nothing is deleted: {@code <name>} becomes {@code <name>.corrupt-<UTC timestamp>} beside it, with a
 * WARNING that names both files, why it was unreadable, and what the service starts without.
 */
public final class CorruptFiles {

    private static final Logger LOG = Logger.getLogger(CorruptFiles.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private CorruptFiles() {
    }

    /**
     * Moves {@code file} to {@code <file>.corrupt-<timestamp>} and logs it.
     *
     * @param file the unreadable file
     * @param cause why it could not be read
     * @param lost what the owner starts without, e.g. "every registered dataset"
     * @return where the file now is
     * @throws IOException when it cannot be moved (then the owner must not start over it)
     */
    public static Path quarantine(Path file, Exception cause, String lost) throws IOException {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(Instant.now());
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        Fsync.directory(file.toAbsolutePath().getParent());
        Path movedTo = aside;
        LOG.warning(() -> "CORRUPT STATE FILE " + file + " (" + cause.getMessage() + ") moved aside to "
                + movedTo.getFileName() + "; starting without " + lost);
        return aside;
    }
}
