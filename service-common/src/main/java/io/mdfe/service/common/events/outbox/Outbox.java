package io.mdfe.service.common.events.outbox;

import io.mdfe.service.common.events.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The transactional outbox of one service: a folder of events to publish, written durably (fsync, atomic rename)
 * in the same step as the state change they announce, and removed by the {@link OutboxRelay} only after the
 * broker acknowledged them. An event is first <em>staged</em> ({@code <seq>.staged}) before the state commit and
 * <em>committed</em> ({@code <seq>.event}) after it; {@link #recover} settles what a crash left staged, by asking
 * the service whether the state change happened. So after a crash neither the state change nor its event exists
 * without the other, and events leave in the order their changes were made.
 */
public final class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final String STAGED = ".staged";
    private static final String EVENT = ".event";
    private static final String CORRUPT = ".corrupt";

    private final Path directory;
    // Committed entries by sequence number: the relay's queue. Guarded by this.
    private final TreeMap<Long, Path> committed = new TreeMap<>();
    private final TreeMap<Long, Path> staged = new TreeMap<>();
    private long nextSequence;
    private volatile Runnable onCommit = () -> { };
    private volatile String relayProblem;

    private Outbox(Path directory) {
        this.directory = directory;
    }

    /**
     * Opens (creating) an outbox folder and indexes what it holds.
     *
     * @param directory e.g. {@code <state-dir>/outbox}
     * @return the outbox
     * @throws UncheckedIOException when the folder cannot be created or read
     */
    public static Outbox open(Path directory) {
        Outbox outbox = new Outbox(directory);
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    Map<Long, Path> target = name.endsWith(EVENT) ? outbox.committed
                            : name.endsWith(STAGED) ? outbox.staged : null;
                    if (target != null) {
                        long sequence = sequenceOf(name);
                        target.put(sequence, file);
                        outbox.nextSequence = Math.max(outbox.nextSequence, sequence + 1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + directory + ": " + e.getMessage(), e);
        }
        return outbox;
    }

    /**
     * Opens a service's outbox, {@code <stateDir>/outbox}, and {@linkplain #recover recovers} it: what the service
     * produces as its {@link Outbox} bean (the {@link OutboxRelayLifecycle} relays it).
     *
     * @param stateDir the service's state folder
     * @param stateCommitted whether the state change an event announces was committed
     * @return the outbox, ready for the relay
     * @throws UncheckedIOException when the folder cannot be created or read
     */
    public static Outbox openRecovered(Path stateDir, Predicate<OutboxEntry> stateCommitted) {
        Outbox outbox = open(stateDir.resolve("outbox"));
        outbox.recover(stateCommitted);
        return outbox;
    }

    /**
     * Settles the events a crash left staged: those whose state change was committed (as {@code committed}
     * says) join the queue, the others are dropped. Call once at startup, before the relay starts.
     *
     * @param stateCommitted whether the state change an event announces was committed
     * @return how many staged events were kept
     */
    public synchronized int recover(Predicate<OutboxEntry> stateCommitted) {
        int kept = 0;
        for (Map.Entry<Long, Path> leftover : List.copyOf(staged.entrySet())) {
            Optional<OutboxEntry> entry = read(leftover.getValue());
            if (entry.isPresent() && stateCommitted.test(entry.get())) {
                commit(leftover.getKey());
                kept++;
                LOG.infof("outbox %s: %s was staged before a crash and its change is saved: publishing it",
                        directory, entry.get());
            } else {
                drop(leftover.getKey());
                entry.ifPresent(e -> LOG.infof("outbox %s: %s was staged before a crash but its change was not "
                        + "saved: dropped", directory, e));
            }
        }
        return kept;
    }

    /**
     * Writes an event durably, not yet visible to the relay. Call just before committing the state change.
     *
     * @param entry the event
     * @return the handle to commit or abort it
     * @throws UncheckedIOException when the disk refuses (the state change must not happen then)
     */
    public synchronized StagedEvent stage(OutboxEntry entry) {
        long sequence = nextSequence++;
        Path file = directory.resolve(String.format("%020d%s", sequence, STAGED));
        try {
            DurableFiles.write(file, entry.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + directory + ": cannot write " + entry + ": " + e.getMessage(),
                    e);
        }
        staged.put(sequence, file);
        return new StagedEvent() {
            @Override
            public void commit() {
                Outbox.this.commit(sequence);
            }

            @Override
            public void abort() {
                Outbox.this.drop(sequence);
            }
        };
    }

    /**
     * Writes an event durably and releases it to the relay at once, for a state change already committed.
     *
     * @param entry the event
     */
    public void append(OutboxEntry entry) {
        stage(entry).commit();
    }

    /**
     * The oldest committed event. A file that cannot be read is renamed to {@code .corrupt}, logged, and
     * skipped, so it never blocks the events behind it.
     *
     * @return the event and its sequence number, or empty when the outbox is empty
     */
    public synchronized Optional<Pending> oldest() {
        while (!committed.isEmpty()) {
            Map.Entry<Long, Path> first = committed.firstEntry();
            Optional<OutboxEntry> entry = read(first.getValue());
            if (entry.isPresent()) {
                return Optional.of(new Pending(first.getKey(), entry.get()));
            }
            committed.remove(first.getKey());
        }
        return Optional.empty();
    }

    /**
     * Removes a published event: the broker acknowledged it.
     *
     * @param pending what {@link #oldest()} returned
     */
    public synchronized void remove(Pending pending) {
        Path file = committed.remove(pending.sequence());
        if (file != null) {
            try {
                DurableFiles.delete(file);
            } catch (IOException e) {
                // published but still on disk: the relay would send it again after a restart, and consumers
                // drop the duplicate by its id
                LOG.warnf("outbox %s: cannot delete published %s: %s", directory, file, e.getMessage());
            }
        }
    }

    /**
     * How many committed events wait for the broker.
     *
     * @return the queue length
     */
    public synchronized int depth() {
        return committed.size();
    }

    /**
     * The folder.
     *
     * @return the outbox directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * What keeps the relay from publishing, if anything.
     *
     * @return the last send failure, empty once a send succeeded
     */
    public Optional<String> relayProblem() {
        return Optional.ofNullable(relayProblem);
    }

    void relayProblem(String problem) {
        relayProblem = problem;
    }

    void onCommit(Runnable listener) {
        onCommit = listener;
    }

    private void commit(long sequence) {
        synchronized (this) {
            Path file = staged.remove(sequence);
            if (file == null) {
                return;
            }
            Path event = directory.resolve(String.format("%020d%s", sequence, EVENT));
            try {
                DurableFiles.rename(file, event);
            } catch (IOException e) {
                throw new UncheckedIOException("outbox " + directory + ": cannot commit " + file + ": "
                        + e.getMessage(), e);
            }
            committed.put(sequence, event);
        }
        onCommit.run();
    }

    private synchronized void drop(long sequence) {
        Path file = staged.remove(sequence);
        if (file != null) {
            try {
                DurableFiles.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("outbox " + directory + ": cannot drop " + file + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private Optional<OutboxEntry> read(Path file) {
        try {
            return Optional.of(OutboxEntry.fromBytes(Files.readAllBytes(file)));
        } catch (IOException e) {
            Path corrupt = file.resolveSibling(file.getFileName() + CORRUPT);
            LOG.errorf("outbox %s: %s is unreadable (%s); moved to %s, not published", directory, file,
                    e.getMessage(), corrupt.getFileName());
            try {
                DurableFiles.rename(file, corrupt);
            } catch (IOException renameFailure) {
                LOG.errorf("outbox %s: cannot move %s aside: %s", directory, file, renameFailure.getMessage());
            }
            return Optional.empty();
        }
    }

    private static long sequenceOf(String name) {
        try {
            return Long.parseLong(name.substring(0, name.indexOf('.')));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new UncheckedIOException(new IOException("unexpected file in outbox: " + name));
        }
    }

    /**
     * A committed event and its place in the queue.
     *
     * @param sequence its sequence number
     * @param entry the event
     */
    public record Pending(long sequence, OutboxEntry entry) {
    }
}
