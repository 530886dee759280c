package io.mdfe.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.concurrent.Cancellation;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.service.common.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt catalogue never stops the index-service: the saved index folders are reloaded one by one. */
class IndexCatalogueRecoveryTest {

    private static final int DIM = 8;

    @TempDir
    Path state;

    @Test
    void aCorruptCatalogueIsMovedAsideAndEverySavedIndexIsReloadedFromItsFolder() throws IOException {
        float[] vectors = new float[50 * DIM];
        Random random = new Random(7);
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = random.nextFloat();
        }
        float[] queries = java.util.Arrays.copyOf(vectors, 3 * DIM);
        IndexSpec spec = new IndexSpec("demo", "v1", DIM, Metric.EUCLIDEAN);
        Neighbors exactBefore;
        Neighbors annoyBefore;
        try (IndexCatalogue catalogue = new IndexCatalogue(state, IndexRegistry.local())) {
            for (String backend : List.of("exact", "annoy")) {
                catalogue.create(backend + "-index", backend, spec, Map.of());
                catalogue.add(backend + "-index", vectors, 50);
                catalogue.build(backend + "-index", Cancellation.NONE);
            }
            exactBefore = catalogue.search("exact-index", queries, 3, 5, Cancellation.NONE);
            annoyBefore = catalogue.search("annoy-index", queries, 3, 5, Cancellation.NONE);
        }
        Path file = state.resolve(IndexCatalogue.CATALOGUE_FILE);
        Files.writeString(file, "[{\"name\": \"exact-index\", \"backend\": \"ex");
        Path stale = Files.createDirectories(state.resolve(IndexCatalogue.INDEXES_DIR)
                .resolve(".exact-index.tmp-999999999-1"));

        try (LogCapture log = LogCapture.of(CorruptFiles.class);
             IndexCatalogue restarted = new IndexCatalogue(state, IndexRegistry.local())) {
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains(file.toString())
                    && w.contains("list of built indexes")), log.warnings().toString());
            assertEquals("exact", restarted.info("exact-index").backend());
            assertEquals("annoy", restarted.info("annoy-index").backend());
            assertEquals(spec, restarted.info("annoy-index").spec());
            assertEquals(50, restarted.info("exact-index").size());
            Neighbors exactAfter = restarted.search("exact-index", queries, 3, 5, Cancellation.NONE);
            Neighbors annoyAfter = restarted.search("annoy-index", queries, 3, 5, Cancellation.NONE);
            assertArrayEquals(exactBefore.ids(), exactAfter.ids());
            assertArrayEquals(annoyBefore.ids(), annoyAfter.ids());
        }
        assertFalse(Files.exists(stale), "stale temporary cleaned at start");
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("catalogue.json.corrupt-")).count());
        }
        try (IndexCatalogue again = new IndexCatalogue(state, IndexRegistry.local())) {
            assertEquals(50, again.info("annoy-index").size(), "the recovered catalogue was written back");
        }
    }
}
