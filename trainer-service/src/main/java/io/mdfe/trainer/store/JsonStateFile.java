package io.mdfe.trainer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.core.io.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One JSON file of the service's state holding a list of records, written atomically ({@link AtomicFiles}:
 * temporary sibling, fsync, rename) so a crash leaves either the old or the new content:
 * {@code {"formatVersion": 1, "items": [...]}}. The format version lets a later release migrate old files.
 *
 * @param <T> the record type, bound by Jackson
 */
public final class JsonStateFile<T> {

    private static final int FORMAT_VERSION = 1;

    private final Path file;
    private final Class<T> type;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /**
     * Creates the accessor; nothing is read or written yet.
     *
     * @param file the file, its directory created on first write
     * @param type the record type of the items
     */
    public JsonStateFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    /**
     * Reads every item, after cleaning this file's leftovers of an interrupted write ({@link Leftovers}).
     * A file that is not JSON is moved aside ({@link CorruptFiles}) and nothing is loaded; when only some
     * items are unreadable, the file is moved aside too and the readable items are written back and returned.
     *
     * @return the items; empty when the file was never written
     * @throws IllegalStateException when the file has another format version
     */
    public List<T> load() {
        try {
            Leftovers.recoverSiblingsOf(file);
            if (!Files.exists(file)) {
                return List.of();
            }
            JsonNode root;
            try {
                root = json.readTree(file.toFile());
                if (root == null || !root.isObject() || !root.path("items").isArray()) {
                    throw new IOException("no items list in it");
                }
            } catch (IOException e) {
                CorruptFiles.quarantine(file, e, "every " + type.getSimpleName() + " it listed");
                return List.of();
            }
            int version = root.path("formatVersion").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException(file + " has format version " + version + "; this service reads "
                        + FORMAT_VERSION);
            }
            return readItems(root.path("items"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file, e);
        }
    }

    private List<T> readItems(JsonNode items) throws IOException {
        List<T> read = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                T item = json.treeToValue(items.get(i), type);
                if (item == null) {
                    throw new IOException("null");
                }
                read.add(item);
            } catch (IOException | IllegalArgumentException e) {
                unreadable.add("item " + i + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        if (!unreadable.isEmpty()) {
            CorruptFiles.quarantine(file, new IOException(unreadable.size() + " unreadable item(s)"),
                    String.join(", ", unreadable) + "; its " + read.size() + " other item(s) are kept");
            save(read);
        }
        return read;
    }

    /**
     * Replaces the file's content with these items.
     *
     * @param items every item
     */
    public void save(List<T> items) {
        try {
            AtomicFiles.write(file, out -> json.writeValue(out, Map.of("formatVersion", FORMAT_VERSION, "items", items)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
