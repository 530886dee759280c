package io.mdfe.service.common.events.consume;

import io.mdfe.service.common.events.DurableFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ids ({@code ce_id}) of the events a consumer has applied, so a redelivered or replayed event is applied
 * once. Persistent and bounded: an append-only file of one id per line, forced to disk per id, keeping the most
 * recent {@code capacity} ids; when the file holds twice that many lines it is rewritten (atomically) with the
 * recent ones. A crash can tear only the last line, which is ignored on reading. {@link #inMemory} keeps them for
 * the process's lifetime only.
 */
public final class ProcessedEvents implements AutoCloseable {

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> ids = new LinkedHashSet<>();
    private FileChannel log;
    private int linesInFile;

    private ProcessedEvents(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    /**
     * Opens (creating) the store.
     *
     * @param file e.g. {@code <state-dir>/processed-events/<channel>.ids}
     * @param capacity how many ids to remember, at least 1
     * @return the store
     * @throws UncheckedIOException when the file cannot be read or created
     */
    public static ProcessedEvents open(Path file, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("processed-ids capacity must be at least 1, not " + capacity);
        }
        ProcessedEvents store = new ProcessedEvents(file, capacity);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int complete = text.lastIndexOf('\n') + 1; // a torn last line (no newline) is dropped
                for (String id : text.substring(0, complete).split("\n")) {
                    if (!id.isEmpty()) {
                        store.remember(id);
                        store.linesInFile++;
                    }
                }
                if (complete != text.length()) {
                    store.compact();
                }
            }
            store.openLog();
        } catch (IOException e) {
            throw new UncheckedIOException("processed event ids " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    /**
     * Whether an event was applied already.
     *
     * @param id its {@code ce_id}
     * @return true when it is among the remembered ids
     */
    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    /**
     * Remembers an applied event, durably.
     *
     * @param id its {@code ce_id}; must not contain a line break
     * @throws UncheckedIOException when the disk refuses
     */
    public synchronized void add(String id) {
        if (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0 || id.isEmpty()) {
            throw new IllegalArgumentException("event id must be one non-empty line: '" + id + "'");
        }
        if (!remember(id)) {
            return;
        }
        try {
            ByteBuffer line = ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                log.write(line);
            }
            log.force(false);
            if (++linesInFile >= 2 * capacity) {
                compact();
                openLog();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("processed event ids " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many ids are remembered.
     *
     * @return at most the capacity
     */
    public synchronized int size() {
        return ids.size();
    }

    @Override
    public synchronized void close() {
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean remember(String id) {
        if (!ids.add(id)) {
            return false;
        }
        if (ids.size() > capacity) {
            Iterator<String> oldest = ids.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private void compact() throws IOException {
        if (log != null) {
            log.close();
        }
        List<String> recent = List.copyOf(ids);
        DurableFiles.write(file, (recent.isEmpty() ? "" : String.join("\n", recent) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        linesInFile = recent.size();
    }

    private void openLog() throws IOException {
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
