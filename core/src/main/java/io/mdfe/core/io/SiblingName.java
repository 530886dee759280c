package io.mdfe.core.io;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hidden siblings a write leaves while it is under way: {@code .<name>.tmp-<pid>-<n>} (new content
 * being written) and {@code .<name>.old-<pid>-<n>} (a directory moved aside during a swap). The pid tells
 * {@link Leftovers} whether the writer may still be running.
 *
 * @param kind tmp or old
 * @param targetName the file name of the target it belongs to
 * @param pid the writing process, or -1 in names written before the pid was recorded
 */
record SiblingName(Kind kind, String targetName, long pid) {

    /** What the sibling holds. */
    enum Kind {
        /** New content, complete or not; never the only copy of anything. */
        TMP,
        /** The previous content of a directory being replaced; the only copy while the target is missing. */
        OLD
    }

    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(tmp|old)-(?:(\\d+)-)?(\\d+)");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** {@return a fresh sibling path of {@code target} of this kind, unique in this process} */
    static Path fresh(Path target, Kind kind) {
        String suffix = kind == Kind.TMP ? ".tmp-" : ".old-";
        return target.resolveSibling("." + target.getFileName() + suffix + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + SEQUENCE.incrementAndGet());
    }

    /** {@return what a directory entry named {@code fileName} is, if it is one of these siblings} */
    static Optional<SiblingName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = m.group(2).equals("tmp") ? Kind.TMP : Kind.OLD;
        long pid = m.group(3) == null ? -1 : parsePid(m.group(3));
        return Optional.of(new SiblingName(kind, m.group(1), pid));
    }

    /** {@return whether another process that is still running may own this sibling} */
    boolean ownedByAnotherLiveProcess() {
        long self = ProcessHandle.current().pid();
        return pid > 0 && pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long parsePid(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
