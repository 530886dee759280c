package io.mdfe.trainer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One JSON file of the service's state holding a list of records, written atomically (temporary sibling,
 * then rename) so a crash leaves either the old or the new content:
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
     * Reads every item.
     *
     * @return the items; empty when the file was never written
     * @throws IllegalStateException when the file has another format version
     */
    public List<T> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            int version = root.path("formatVersion").asInt(-1);
            if (version != FORMAT_VERSION) {
                throw new IllegalStateException(file + " has format version " + version + "; this service reads "
                        + FORMAT_VERSION);
            }
            return json.convertValue(root.path("items"),
                    json.getTypeFactory().constructCollectionType(List.class, type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
