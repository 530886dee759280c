package io.mdfe.core.index.annoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AnnoyIndex on its own: exactness at full search_k, determinism, segments, save/load, errors. */
class AnnoyIndexTest {

    private static final int DIM = 16;
    private static final int ROWS = 1500;
    private static final float[] DATA = ClusteredVectors.generate(11, ROWS, DIM, 40, 0.4);
    private static final float[] QUERIES = ClusteredVectors.generate(12, 50, DIM, 40, 0.6);

    @TempDir
    Path tmp;

    private static IndexSpec spec(Metric metric) {
        return new IndexSpec("test-model", "v1", DIM, metric);
    }

    private static AnnoyIndex built(Metric metric, Map<String, String> params) {
        AnnoyIndex index = AnnoyIndex.create(spec(metric), AnnoyParams.parse(params));
        index.add(DATA, ROWS);
        index.build();
        return index;
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void searchingEveryCandidateIsExact(Metric metric) {
        // search_k >= every leaf of every tree gathers all items, so the re-ranking alone decides
        try (AnnoyIndex index = built(metric, Map.of("n_trees", "3", "search_k", "100000", "recall_sample", "0"))) {
            Neighbors annoy = index.search(QUERIES, 50, 8);
            Neighbors exact = new BruteForceNeighbors(ClusteredVectors.rows(DATA, DIM), metric, 1).search(QUERIES, 50, 8);
            assertArrayEquals(exact.ids(), annoy.ids());
            assertArrayEquals(exact.distances(), annoy.distances(), 1e-4f);
        }
    }

    @Test
    void buildReportsRecallAgainstExactSearch() {
        try (AnnoyIndex index = AnnoyIndex.create(spec(Metric.EUCLIDEAN),
                AnnoyParams.parse(Map.of("n_trees", "20", "recall_sample", "200")))) {
            index.add(DATA, ROWS);
            BuildReport report = index.build();
            assertEquals(ROWS, report.vectors());
            assertEquals(200, report.sampleQueries());
            assertTrue(report.recallAt1().orElseThrow() > 0.95, "recall@1 " + report.recallAt1());
            assertTrue(report.recallAt5().orElseThrow() > 0.8, "recall@5 " + report.recallAt5());
            assertEquals(index.trees(), 20);
            assertTrue(report.bytes() > (long) ROWS * (16 + 4 * DIM));
        }
    }

    @Test
    void fewTreesAndTinySearchKLoseRecall() {
        // the recall measurement must be able to report a poor index as poor
        try (AnnoyIndex index = AnnoyIndex.create(spec(Metric.EUCLIDEAN),
                AnnoyParams.parse(Map.of("n_trees", "1", "search_k", "1", "recall_sample", "300")))) {
            index.add(DATA, ROWS);
            BuildReport report = index.build();
            // one leaf of <= K = 18 items per query (0.61 measured) against > 0.8 with 20 trees above
            assertTrue(report.recallAt5().orElseThrow() < 0.75, "recall@5 " + report.recallAt5());
        }
    }

    @Test
    void recallSampleZeroReportsNoRecall() {
        AnnoyIndex index = AnnoyIndex.create(spec(Metric.ANGULAR), AnnoyParams.parse(Map.of("n_trees", "2",
                "recall_sample", "0")));
        index.add(DATA, ROWS);
        BuildReport report = index.build();
        assertFalse(report.recallAt1().isPresent());
        assertEquals(0, report.sampleQueries());
        index.close();
    }

    @Test
    void perTreeSeedingGivesTheSameFileOnAnyThreadCount() throws IOException {
        Path one = tmp.resolve("one.ann");
        Path two = tmp.resolve("two.ann");
        try (AnnoyIndex a = built(Metric.EUCLIDEAN, Map.of("n_trees", "6", "seed", "5", "threads", "1", "recall_sample", "0"));
             AnnoyIndex b = built(Metric.EUCLIDEAN, Map.of("n_trees", "6", "seed", "5", "threads", "2", "recall_sample", "0"))) {
            a.saveAnnFile(one);
            b.saveAnnFile(two);
        }
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        try (AnnoyIndex c = built(Metric.EUCLIDEAN, Map.of("n_trees", "6", "seed", "6", "recall_sample", "0"))) {
            c.saveAnnFile(two);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(one), Files.readAllBytes(two)), "the seed matters");
    }

    @Test
    void segmentedNodeArraysBuildSaveAndMapTheSame() throws IOException {
        Map<String, String> params = Map.of("n_trees", "4", "seed", "3", "recall_sample", "0");
        Path whole = tmp.resolve("whole.ann");
        Path pieces = tmp.resolve("pieces.ann");
        Neighbors expected;
        try (AnnoyIndex a = built(Metric.ANGULAR, params)) {
            a.saveAnnFile(whole);
            expected = a.search(QUERIES, 50, 5);
        }
        // 8-node segments: node reads, root copies and tree relocation all cross segment borders
        AnnoyIndex b = AnnoyIndex.create(spec(Metric.ANGULAR), AnnoyParams.parse(params), 8);
        b.add(DATA, ROWS);
        b.build();
        assertArrayEquals(expected.ids(), b.search(QUERIES, 50, 5).ids());
        b.saveAnnFile(pieces);
        b.close();
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(pieces));
        try (AnnoyIndex mapped = AnnoyIndex.open(whole, spec(Metric.ANGULAR), AnnoyParams.parse(params), 16)) {
            assertArrayEquals(expected.ids(), mapped.search(QUERIES, 50, 5).ids());
            assertArrayEquals(expected.distances(), mapped.search(QUERIES, 50, 5).distances(), 0f);
        }
        // nodes are found by shift and mask
        assertThrows(IllegalArgumentException.class,
                () -> AnnoyIndex.open(whole, spec(Metric.ANGULAR), AnnoyParams.parse(params), 12));
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        Path dir = tmp.resolve("index");
        Neighbors expected;
        try (AnnoyIndex a = built(Metric.DOT, Map.of("n_trees", "5", "search_k", "300", "recall_sample", "0"))) {
            expected = a.search(QUERIES, 50, 7);
            a.save(dir);
        }
        try (AnnoyIndex b = AnnoyIndex.load(dir)) {
            assertEquals(spec(Metric.DOT), b.spec());
            assertEquals(300, b.params().searchK());
            assertEquals(ROWS, b.size());
            Neighbors actual = b.search(QUERIES, 50, 7);
            assertArrayEquals(expected.ids(), actual.ids());
            assertArrayEquals(expected.distances(), actual.distances(), 0f);
        }
    }

    @Test
    void openingWithTheWrongDimensionSaysSo() throws IOException {
        Path file = tmp.resolve("e.ann");
        try (AnnoyIndex a = built(Metric.EUCLIDEAN, Map.of("n_trees", "2", "recall_sample", "0"))) {
            a.saveAnnFile(file);
        }
        IOException e = assertThrows(IOException.class, () -> AnnoyIndex.open(file,
                new IndexSpec("test-model", "v1", DIM + 1, Metric.EUCLIDEAN), AnnoyParams.defaults()));
        assertTrue(e.getMessage().contains("metric and dimension"), e.getMessage());
    }

    @Test
    void shortResultsArePaddedAndTiesGoByDistanceThenId() {
        float[] four = {0, 0, 1, 0, 0, 1, 1, 1};
        try (AnnoyIndex index = AnnoyIndex.create(new IndexSpec("m", "1", 2, Metric.EUCLIDEAN),
                AnnoyParams.parse(Map.of("n_trees", "2", "recall_sample", "0")))) {
            index.add(four, 4);
            index.build();
            Neighbors n = index.search(new float[] {0.5f, 0.5f}, 1, 6);
            assertArrayEquals(new int[] {0, 1, 2, 3, -1, -1}, n.ids());
            assertEquals((float) Math.sqrt(0.5), n.distance(0, 0), 1e-6f);
            assertTrue(Float.isNaN(n.distance(0, 5)));
        }
    }

    @Test
    void lifeCycleAndInputErrors() {
        AnnoyIndex index = AnnoyIndex.create(spec(Metric.EUCLIDEAN), AnnoyParams.parse(Map.of("n_trees", "2",
                "recall_sample", "0")));
        assertThrows(IllegalStateException.class, () -> index.search(QUERIES, 1, 1));
        assertThrows(IllegalStateException.class, index::build);
        float[] bad = new float[DIM];
        bad[3] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> index.add(bad, 1));
        assertTrue(nan.getMessage().contains("row 0"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.add(new float[DIM + 1], 1));
        index.add(DATA, ROWS);
        index.build();
        assertThrows(IllegalArgumentException.class, () -> index.add(DATA, ROWS));
        assertThrows(IllegalStateException.class, index::build);
        index.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> index.search(QUERIES, 1, 1));
        assertTrue(closed.getMessage().contains("closed"));
    }

    @Test
    void paramsAreCheckedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> AnnoyParams.parse(Map.of("ntrees", "3")));
        assertTrue(unknown.getMessage().contains("n_trees"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AnnoyParams.parse(Map.of("search_k", "0")));
        assertThrows(IllegalArgumentException.class, () -> AnnoyParams.parse(Map.of("seeding", "sequential",
                "threads", "2")));
        AnnoyParams d = AnnoyParams.defaults();
        assertEquals(300, d.nTrees());
        assertEquals(-1, d.searchK());
        assertEquals(d, AnnoyParams.parse(d.toMap()));
    }

    @Test
    void sumOrderDefaultsToTheWidestExactArithmeticOfThisMachine() {
        // surefire runs with the Vector API: 512-bit vectors get annoylib's AVX-512 order, 256-bit its AVX order
        int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        AnnoyParams.SumOrder expected = bits == 512 ? AnnoyParams.SumOrder.AVX512
                : bits == 256 ? AnnoyParams.SumOrder.AVX : AnnoyParams.SumOrder.SCALAR;
        assertEquals(expected, AnnoyParams.defaults().sumOrder());
        assertEquals(expected, AnnoyParams.parse(Map.of("sum_order", "AUTO")).sumOrder());
        assertEquals(AnnoyParams.SumOrder.SCALAR, AnnoyParams.parse(Map.of("sum_order", "scalar")).sumOrder());
        assertEquals(AnnoyParams.SumOrder.AVX, AnnoyParams.parse(Map.of("sum_order", "avx")).sumOrder());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> AnnoyParams.parse(Map.of("sum_order", "avx2")));
        assertTrue(bad.getMessage().contains("auto, scalar, avx, avx512"), bad.getMessage());
    }
}
