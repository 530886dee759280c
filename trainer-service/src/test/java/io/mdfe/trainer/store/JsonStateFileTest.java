package io.mdfe.trainer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.io.CorruptFiles;
import io.mdfe.service.common.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's state files start with what can be read, whatever a crash or a disk left in them. */
class JsonStateFileTest {

    /** A stand-in record type. */
    record Item(String name, int steps) {
    }

    @TempDir
    Path state;

    @Test
    void aFileThatIsNotJsonIsMovedAsideAndTheServiceStartsEmpty() throws IOException {
        Path file = state.resolve("runs.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"items\": [{\"name\": \"run-1\", \"st");
        Path ownStale = Files.writeString(state.resolve(".runs.json.tmp-999999999-1"), "{");
        Path otherFiles = Files.writeString(state.resolve(".recipes.json.tmp-999999999-2"), "{");

        try (LogCapture log = LogCapture.of(CorruptFiles.class)) {
            assertEquals(List.of(), new JsonStateFile<>(file, Item.class).load());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains(file.toString()) && w.contains("every Item")),
                    log.warnings().toString());
        }
        assertFalse(Files.exists(file));
        assertEquals(1, corruptCopies());
        assertFalse(Files.exists(ownStale), "this file's stale temporary is cleaned");
        assertTrue(Files.exists(otherFiles), "another file's temporary is its owner's to clean");
    }

    @Test
    void unreadableItemsAreDroppedTheOthersKeptAndTheOriginalMovedAside() throws IOException {
        Path file = state.resolve("runs.json");
        JsonStateFile<Item> store = new JsonStateFile<>(file, Item.class);
        store.save(List.of(new Item("run-1", 10), new Item("run-2", 20)));
        Files.writeString(file, Files.readString(file).replace("20", "\"twenty\""));

        try (LogCapture log = LogCapture.of(CorruptFiles.class)) {
            assertEquals(List.of(new Item("run-1", 10)), store.load());
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains("item 1") && w.contains("1 other item(s)")),
                    log.warnings().toString());
        }
        assertEquals(1, corruptCopies());
        assertEquals(List.of(new Item("run-1", 10)), store.load(), "the readable items were written back");
    }

    private long corruptCopies() throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            return files.filter(f -> f.getFileName().toString().startsWith("runs.json.corrupt-")).count();
        }
    }
}
