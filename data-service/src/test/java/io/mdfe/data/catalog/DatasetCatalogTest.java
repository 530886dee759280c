package io.mdfe.data.catalog;

import static io.mdfe.data.TestDatasets.Row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status.Code;
import io.mdfe.core.io.CorruptFiles;
import io.mdfe.data.TestDatasets;
import io.mdfe.data.catalog.Registration.Outcome;
import io.mdfe.data.dataset.DatasetLayout;
import io.mdfe.data.dataset.DatasetReader;
import io.mdfe.service.common.grpc.ServiceException;
import io.mdfe.service.common.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog against real CSV and UnED directories: versions, persistence, and refused input. */
class DatasetCatalogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dataRoot;
    @TempDir
    Path stateDir;

    private Path products;
    private DatasetCatalog catalog;

    @BeforeEach
    void setUp() {
        products = dataRoot.resolve("products");
        // Original labels 30, 7, 30: remapped in numeric order to 7 -> 0, 30 -> 1.
        TestDatasets.writeCsvSet(products, "shop", List.of(
                new Row("train/a.png", 30), new Row("train/b.png", 7), new Row("train/c.png", 30)));
        catalog = newCatalog();
    }

    private DatasetCatalog newCatalog() {
        return new DatasetCatalog(dataRoot, new DatasetReader(), new CatalogStore(stateDir), CLOCK, 2);
    }

    private Registration registerProducts() {
        return catalog.register("products", products.toString(), Optional.empty(), List.of("shop"));
    }

    @Test
    void firstRegistrationFreezesManifestAndClassCounts() {
        Registration registration = registerProducts();

        assertEquals(Outcome.REGISTERED, registration.outcome());
        DatasetRecord dataset = registration.dataset();
        assertEquals(DatasetLayout.CSV, dataset.layout());
        VersionRecord version = dataset.current();
        assertEquals(64, version.version().length(), "sha256 hex");
        assertEquals(3, version.numSamples());
        assertEquals(2, version.numClasses());
        assertEquals("", version.previousVersion());
        assertEquals(CLOCK.instant(), version.registeredAt());
        FrozenManifest manifest = catalog.manifest(dataset, version);
        assertEquals(List.of("train/a.png", "train/b.png", "train/c.png"), manifest.paths());
        assertArrayEquals(new int[] {1, 0, 1}, manifest.labels());
        assertArrayEquals(new long[] {1, 2}, manifest.classCounts());
    }

    @Test
    void unchangedDirectoryIsIdempotentAndChangedOneIsANewVersion() {
        String first = registerProducts().dataset().currentVersion();

        Registration again = registerProducts();
        assertEquals(Outcome.UNCHANGED, again.outcome());
        assertEquals(1, again.dataset().versions().size());

        TestDatasets.appendCsvRows(products, "shop", List.of(new Row("train/d.png", 99)));
        Registration updated = registerProducts();
        assertEquals(Outcome.UPDATED, updated.outcome());
        assertEquals(first, updated.previousCurrent());
        VersionRecord second = updated.dataset().current();
        assertNotEquals(first, second.version());
        assertEquals(first, second.previousVersion());
        assertEquals(4, second.numSamples());
        assertEquals(3, second.numClasses());
        // The old version keeps its own frozen manifest.
        DatasetRecord dataset = updated.dataset();
        assertEquals(3, catalog.manifest(dataset, catalog.version(dataset, first)).size());
        assertEquals(4, catalog.manifest(dataset, second).size());
    }

    @Test
    void returningToOlderContentMakesThatVersionCurrentAgain() throws IOException {
        Path csv = products.resolve("shop_train.csv");
        String original = Files.readString(csv);
        String first = registerProducts().dataset().currentVersion();
        TestDatasets.appendCsvRows(products, "shop", List.of(new Row("train/d.png", 99)));
        String second = registerProducts().dataset().currentVersion();

        Files.writeString(csv, original);
        Registration reverted = registerProducts();

        assertEquals(Outcome.UPDATED, reverted.outcome());
        assertEquals(second, reverted.previousCurrent());
        assertEquals(first, reverted.dataset().currentVersion());
        assertEquals(2, reverted.dataset().versions().size(), "each version is listed once");
    }

    @Test
    void aCorruptCatalogIsMovedAsideAndTheServiceStartsEmptyThenReRegisters() throws IOException {
        DatasetRecord before = registerProducts().dataset();
        Path file = stateDir.resolve("catalog.json");
        Files.writeString(file, "{\"formatVersion\": 1, \"datasets\": [{\"id\": \"prod");
        Path stale = Files.writeString(stateDir.resolve(".catalog.json.tmp-999999999-1"), "{");

        DatasetCatalog restarted;
        try (LogCapture log = LogCapture.of(CorruptFiles.class)) {
            restarted = newCatalog();
            assertTrue(log.warnings().stream().anyMatch(w -> w.contains(file.toString())
                    && w.contains("every registered dataset")), log.warnings().toString());
        }

        assertEquals(List.of(), restarted.datasets());
        assertFalse(Files.exists(stale), "stale temporary cleaned at start");
        try (Stream<Path> files = Files.list(stateDir)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("catalog.json.corrupt-")).count());
        }
        Registration again = restarted.register("products", products.toString(), Optional.empty(), List.of("shop"));
        assertEquals(before.currentVersion(), again.dataset().currentVersion(), "same content, same version");
    }

    @Test
    void stateSurvivesARestart() {
        registerProducts();
        TestDatasets.appendCsvRows(products, "shop", List.of(new Row("train/d.png", 99)));
        DatasetRecord before = registerProducts().dataset();

        DatasetCatalog restarted = newCatalog();

        assertEquals(List.of(before), restarted.datasets());
        assertEquals(catalog.manifest(before, before.current()).paths(),
                restarted.manifest(before, before.current()).paths());
        assertEquals(Outcome.UNCHANGED, restarted.register("products", products.toString(), Optional.empty(),
                List.of("shop")).outcome());
    }

    @Test
    void unedDomainsAreOffsetInOrder() {
        Path uned = dataRoot.resolve("uned");
        TestDatasets.writeUnedDomain(uned, "cars", List.of(new Row("c/1.png", 5), new Row("c/2.png", 2)));
        TestDatasets.writeUnedDomain(uned, "sop", List.of(new Row("s/1.png", 0), new Row("s/2.png", 0),
                new Row("s/3.png", 8)));

        DatasetRecord dataset = catalog.register("uned", uned.toString(), Optional.of(DatasetLayout.UNED), List.of())
                .dataset();

        assertEquals(DatasetLayout.UNED, dataset.layout());
        FrozenManifest manifest = catalog.manifest(dataset, dataset.current());
        assertEquals(List.of("images/cars/c/1.png", "images/cars/c/2.png", "images/sop/s/1.png",
                "images/sop/s/2.png", "images/sop/s/3.png"), manifest.paths());
        assertArrayEquals(new int[] {1, 0, 2, 2, 3}, manifest.labels());
        assertArrayEquals(new long[] {1, 1, 2, 1}, manifest.classCounts());
    }

    @Test
    void rootOutsideTheAllowedRootIsDenied(@TempDir Path elsewhere) {
        TestDatasets.writeCsvSet(elsewhere, "shop", List.of(new Row("a.png", 1)));

        ServiceException error = assertRefused(Code.PERMISSION_DENIED,
                () -> catalog.register("x", elsewhere.toString(), Optional.empty(), List.of("shop")));
        assertTrue(error.getMessage().startsWith("root: '" + elsewhere), error.getMessage());
        assertRefused(Code.PERMISSION_DENIED, () -> catalog.register("x", products + "/../../..", Optional.empty(),
                List.of("shop")));
    }

    @Test
    void symbolicLinkOutOfTheAllowedRootIsDenied(@TempDir Path elsewhere) throws IOException {
        TestDatasets.writeCsvSet(elsewhere, "shop", List.of(new Row("a.png", 1)));
        Path link = Files.createSymbolicLink(dataRoot.resolve("sneaky"), elsewhere);

        ServiceException error = assertRefused(Code.PERMISSION_DENIED,
                () -> catalog.register("x", link.toString(), Optional.empty(), List.of("shop")));
        assertFalse(error.getMessage().contains(elsewhere.toString()), "the link's target stays unsaid: " + error.getMessage());
    }

    @Test
    void annotationPointingOutOfTheDatasetIsRefused() {
        Path evil = dataRoot.resolve("evil");
        TestDatasets.writeCsvSet(evil, "shop", List.of(new Row("ok.png", 1)));
        TestDatasets.appendCsvRows(evil, "shop", List.of(new Row("../products/train/a.png", 2)));

        ServiceException error = assertRefused(Code.FAILED_PRECONDITION,
                () -> catalog.register("evil", evil.toString(), Optional.empty(), List.of("shop")));
        assertTrue(error.getMessage().contains("../products/train/a.png") && error.getMessage().contains("escapes"),
                error.getMessage());
    }

    @Test
    void badRequestsNameTheFieldOrFile() throws IOException {
        assertTrue(assertRefused(Code.INVALID_ARGUMENT, () -> catalog.register("Bad/Id", products.toString(),
                Optional.empty(), List.of("shop"))).getMessage().startsWith("dataset_id:"));
        assertTrue(assertRefused(Code.INVALID_ARGUMENT, () -> catalog.register("p", "relative/path",
                Optional.empty(), List.of("shop"))).getMessage().startsWith("root:"));
        assertTrue(assertRefused(Code.NOT_FOUND, () -> catalog.register("p", dataRoot.resolve("nope").toString(),
                Optional.empty(), List.of("shop"))).getMessage().startsWith("root:"));
        assertTrue(assertRefused(Code.INVALID_ARGUMENT, () -> catalog.register("p", products.toString(),
                Optional.empty(), List.of())).getMessage().startsWith("names:"));
        assertTrue(assertRefused(Code.NOT_FOUND, () -> catalog.register("p", products.toString(),
                Optional.empty(), List.of("other"))).getMessage().contains("other_train.csv"));
        assertTrue(assertRefused(Code.FAILED_PRECONDITION, () -> catalog.register("p", products.toString(),
                Optional.of(DatasetLayout.UNED), List.of("shop"))).getMessage().startsWith("format:"));

        Files.writeString(products.resolve("broken_train.csv"), "img_path,label\nno-label-here\n");
        assertTrue(assertRefused(Code.FAILED_PRECONDITION, () -> catalog.register("p", products.toString(),
                Optional.empty(), List.of("broken"))).getMessage().contains("broken_train.csv: line 2"));
    }

    @Test
    void aDatasetIdStaysBoundToItsRoot() {
        registerProducts();
        Path other = dataRoot.resolve("other");
        TestDatasets.writeCsvSet(other, "shop", List.of(new Row("a.png", 1)));

        ServiceException error = assertRefused(Code.FAILED_PRECONDITION,
                () -> catalog.register("products", other.toString(), Optional.empty(), List.of("shop")));
        assertTrue(error.getMessage().startsWith("dataset_id:"), error.getMessage());
        assertRefused(Code.NOT_FOUND, () -> catalog.dataset("unknown"));
        assertRefused(Code.NOT_FOUND, () -> catalog.version(catalog.dataset("products"), "f00"));
    }

    private static ServiceException assertRefused(Code code, Runnable call) {
        ServiceException error = assertThrows(ServiceException.class, call::run);
        assertEquals(code, error.code(), error.getMessage());
        return error;
    }
}
