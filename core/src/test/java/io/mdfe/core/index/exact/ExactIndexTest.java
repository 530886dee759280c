package io.mdfe.core.index.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ExactIndex against a naive double-precision brute force, both kernels, all metrics. */
class ExactIndexTest {

    private static final int DIM = 24;

    private static IndexSpec spec(Metric metric, int dim) {
        return new IndexSpec("test", "1", dim, metric);
    }

    /** Clustered data with exact duplicates (ties) and a few vectors far from everything. */
    private static float[] clustered(Random rng, int n, int dim) {
        float[][] centers = new float[7][dim];
        for (float[] c : centers) {
            for (int j = 0; j < dim; j++) {
                c[j] = (float) rng.nextGaussian();
            }
        }
        float[] v = new float[n * dim];
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 5 == 0) {
                int src = rng.nextInt(i);
                System.arraycopy(v, src * dim, v, i * dim, dim);
                continue;
            }
            float[] c = centers[rng.nextInt(centers.length)];
            for (int j = 0; j < dim; j++) {
                v[i * dim + j] = c[j] + 0.05f * (float) rng.nextGaussian();
            }
        }
        return v;
    }

    private static float[] normalized(float[] v, int dim) {
        float[] out = v.clone();
        for (int i = 0; i < v.length / dim; i++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += (double) v[i * dim + j] * v[i * dim + j];
            }
            double norm = Math.sqrt(s);
            for (int j = 0; j < dim; j++) {
                out[i * dim + j] = (float) (v[i * dim + j] / norm);
            }
        }
        return out;
    }

    /** Naive reference: every pair in double, sorted by score then id. */
    private static int[] bruteForce(Metric metric, float[] index, float[] queries, int dim, int k) {
        if (metric == Metric.ANGULAR) {
            index = normalized(index, dim);
            queries = normalized(queries, dim);
        }
        int n = index.length / dim;
        int nq = queries.length / dim;
        int[] ids = new int[nq * k];
        for (int q = 0; q < nq; q++) {
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    double a = queries[q * dim + j];
                    double b = index[i * dim + j];
                    s += metric == Metric.EUCLIDEAN ? (a - b) * (a - b) : a * b;
                }
                score[i] = metric == Metric.EUCLIDEAN ? -s : s;
            }
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));
            for (int r = 0; r < k; r++) {
                ids[q * k + r] = r < n ? order[r] : -1;
            }
        }
        return ids;
    }

    private static Neighbors search(ScoreKernel kernel, Metric metric, float[] index, float[] queries, int dim,
                                    int k, int threads) {
        try (ExactIndex idx = new ExactIndex(spec(metric, dim), threads, kernel)) {
            int n = index.length / dim;
            int half = n / 2;
            idx.add(Arrays.copyOf(index, half * dim), half);
            idx.add(Arrays.copyOfRange(index, half * dim, index.length), n - half);
            idx.build();
            return idx.search(queries, queries.length / dim, k);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void matchesBruteForceOnClusteredDataWithTies(Metric metric) {
        Random rng = new Random(7 + metric.ordinal());
        // 1001 is not a multiple of the panel group, 70 queries not a multiple of the block
        float[] index = clustered(rng, 1001, DIM);
        float[] queries = new float[70 * DIM];
        // half the queries are index vectors themselves (distance-0 ties with their duplicates)
        for (int q = 0; q < 70; q++) {
            if (q % 2 == 0) {
                System.arraycopy(index, rng.nextInt(1001) * DIM, queries, q * DIM, DIM);
            } else {
                for (int j = 0; j < DIM; j++) {
                    queries[q * DIM + j] = index[rng.nextInt(1001) * DIM + j] + 0.1f * (float) rng.nextGaussian();
                }
            }
        }
        int[] expected = bruteForce(metric, index, queries, DIM, 9);
        Neighbors first = null;
        for (ScoreKernel kernel : everyKernel()) {
            Neighbors got = search(kernel, metric, index, queries, DIM, 9, 2);
            assertArrayEquals(expected, got.ids(), metric + " " + kernel.describe());
            if (first == null) {
                first = got;
            }
            // every path re-scores in double: distances too are the same bits, whatever the tile
            assertArrayEquals(first.distances(), got.distances(), metric + " " + kernel.describe());
        }
    }

    /**
     * Both register tiles and the scalar kernel, forced as {@code mdfe.exact.tile} forces them, so CI
     * tests the AVX-512 and the AVX2 path whichever CPU it runs on (only their speed depends on it).
     */
    private static List<ScoreKernel> everyKernel() {
        return Stream.of("6x4", "5x2", "scalar").map(KernelChoice::of).collect(Collectors.toList());
    }

    @Test
    void kernelChoiceFitsTheRegistersAndRefusesUnknownSettings() {
        ScoreKernel auto = KernelChoice.of("auto");
        assertEquals(KernelChoice.vectorRegisters() >= 32 ? "6x4" : "5x2", auto.rows() + "x" + auto.group(),
                "registers: " + KernelChoice.vectorRegisters());
        ScoreKernel forced = KernelChoice.of(" 5X2 ");
        assertEquals("5x2", forced.rows() + "x" + forced.group());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> KernelChoice.of("8x8"));
        assertTrue(bad.getMessage().contains("mdfe.exact.tile") && bad.getMessage().contains("8x8"),
                bad.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void matchesBruteForceOnRandomData(Metric metric) {
        Random rng = new Random(11);
        float[] index = new float[3000 * 16];
        float[] queries = new float[33 * 16];
        for (int i = 0; i < index.length; i++) {
            index[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) rng.nextGaussian();
        }
        int[] expected = bruteForce(metric, index, queries, 16, 6);
        for (ScoreKernel kernel : everyKernel()) {
            assertArrayEquals(expected, search(kernel, metric, index, queries, 16, 6, 3).ids(), kernel.describe());
        }
    }

    @Test
    void manyExactTiesWidenTheCandidateHeap() {
        // 100 copies of one vector: all tie, the heap (k + 16) must grow to rank them by id
        float[] index = new float[150 * 4];
        for (int i = 0; i < 150; i++) {
            index[i * 4] = i < 100 ? 1f : -1f;
            index[i * 4 + 1] = i < 100 ? 0f : 0.01f * i;
        }
        Neighbors got = search(ScoreKernel.best(), Metric.DOT, index, new float[] {1, 0, 0, 0}, 4, 40, 1);
        assertArrayEquals(IntStream.range(0, 40).toArray(), got.ids());
    }

    @Test
    void distancesFollowTheMetric() {
        float[] index = {3, 4, 0, 1};
        float[] query = {0, 0};
        for (ScoreKernel kernel : everyKernel()) {
            Neighbors e = search(kernel, Metric.EUCLIDEAN, index, query, 2, 3, 1);
            assertArrayEquals(new int[] {1, 0, -1}, e.ids());
            assertEquals(1f, e.distance(0, 0));
            assertEquals(5f, e.distance(0, 1));
            assertTrue(Float.isNaN(e.distance(0, 2)));
            Neighbors d = search(kernel, Metric.DOT, index, new float[] {1, 1}, 2, 2, 1);
            assertArrayEquals(new int[] {0, 1}, d.ids());
            assertEquals(7f, d.distance(0, 0));
            Neighbors a = search(kernel, Metric.ANGULAR, index, new float[] {0, 2}, 2, 2, 1);
            assertArrayEquals(new int[] {1, 0}, a.ids());
            assertEquals(0f, a.distance(0, 0));
            assertEquals((float) Math.sqrt(2 - 2 * 0.8), a.distance(0, 1), 1e-6);
        }
    }

    @Test
    void refusesBadInput() {
        try (ExactIndex idx = new ExactIndex(spec(Metric.ANGULAR, 2), 1)) {
            IllegalStateException early = assertThrows(IllegalStateException.class,
                    () -> idx.search(new float[] {1, 0}, 1, 1));
            assertEquals("exact index: search before build", early.getMessage());
            idx.add(new float[] {1, 0, 0, 1}, 2);
            IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                    () -> idx.add(new float[] {1, 0, 0, Float.NaN}, 2));
            assertEquals("exact index: vector 3 has NaN at dimension 1", nan.getMessage());
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> idx.add(new float[] {0, 0}, 1));
            assertTrue(zero.getMessage().contains("vector 2 is all zeros"), zero.getMessage());
            IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                    () -> idx.add(new float[] {1, 0, 0}, 2));
            assertTrue(dims.getMessage().contains("2 vectors need 4 floats, got 3"), dims.getMessage());
            idx.build();
            IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                    () -> idx.search(new float[] {1, 0, Float.POSITIVE_INFINITY, 0}, 2, 1));
            assertEquals("exact index: query 1 has Infinity at dimension 0", inf.getMessage());
            assertThrows(IllegalArgumentException.class, () -> idx.add(new float[] {1, 0}, 1));
        }
    }

    @Test
    void saveAndLoadGiveTheSameResults(@TempDir Path tmp) throws Exception {
        Random rng = new Random(3);
        float[] index = clustered(rng, 300, 8);
        float[] queries = Arrays.copyOf(clustered(rng, 20, 8), 20 * 8);
        Path dir = tmp.resolve("idx");
        Neighbors before;
        try (VectorIndex idx = IndexRegistry.local().factory("exact").create(spec(Metric.ANGULAR, 8), Map.of("threads", "2"))) {
            idx.add(index, 300);
            idx.build();
            before = idx.search(queries, 20, 5);
            idx.save(dir);
        }
        assertTrue(Files.isRegularFile(dir.resolve("index.json")));
        try (VectorIndex loaded = IndexRegistry.local().factory("exact").load(dir)) {
            assertEquals(spec(Metric.ANGULAR, 8), loaded.spec());
            assertEquals(300, loaded.size());
            Neighbors after = loaded.search(queries, 20, 5);
            assertArrayEquals(before.ids(), after.ids());
            assertArrayEquals(before.distances(), after.distances());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary files left next to the index");
        }
    }

    @Test
    void registryNamesAndErrors() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> IndexRegistry.local().factory("faiss"));
        assertTrue(unknown.getMessage().contains("known: exact"), unknown.getMessage());
        IllegalArgumentException param = assertThrows(IllegalArgumentException.class,
                () -> IndexRegistry.local().factory("exact").create(spec(Metric.DOT, 2), Map.of("n_trees", "3")));
        assertEquals("exact index: unknown parameter 'n_trees'; valid: threads", param.getMessage());
    }
}
