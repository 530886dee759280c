package io.mdfe.core.index.milvus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link MilvusIndex} through the real Milvus Java SDK against the in-process {@link MilvusStandIn}. */
class MilvusIndexTest {

    private static final int DIM = 8;
    private static final String TOKEN = "root:s3cret-Milvus";

    @TempDir
    Path tmp;

    private MilvusStandIn milvus;
    private MilvusIndexFactory factory;

    @BeforeEach
    void startMilvus() throws IOException {
        milvus = MilvusStandIn.start();
        factory = new MilvusIndexFactory(new MilvusConnection(milvus.uri(), TOKEN, null, null, null));
    }

    @AfterEach
    void stopMilvus() throws InterruptedException {
        milvus.close();
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void searchMatchesBruteForce(Metric metric) {
        float[] data = random(300, 1);
        float[] queries = random(20, 2);
        try (MilvusIndex index = create(metric, Map.of())) {
            index.add(data, 300);
            BuildReport report = index.build();
            Neighbors found = index.search(queries, 20, 7);

            assertEquals(300, report.vectors());
            assertEquals(300L * (8 + 4 * DIM), report.bytes());
            Neighbors expected = bruteForce(metric, data, 300, queries, 20, 7);
            assertArrayEquals(expected.ids(), found.ids());
            assertArrayEquals(expected.distances(), found.distances(), 1e-4f);
        }
    }

    @Test
    void insertsAndSearchesInConfiguredBatches() {
        try (MilvusIndex index = create(Metric.EUCLIDEAN, Map.of("insert_batch", "64", "search_batch", "3"))) {
            index.add(random(150, 1), 150);
            index.add(random(50, 2), 50);
            assertEquals(3 + 1, milvus.insertCalls(), "150 rows in 64-row batches, then 50 rows");
            assertEquals(200, milvus.rows("mdfe_test"));
            assertEquals(200, index.size());

            index.build();
            Neighbors n = index.search(random(10, 3), 10, 4);
            assertEquals(4, milvus.searchCalls(), "10 queries in batches of 3");
            assertEquals(10, n.queries());
            assertTrue(Arrays.stream(n.ids()).allMatch(id -> id >= 0 && id < 200));
        }
    }

    @Test
    void metricsAndIndexParametersReachMilvus() {
        try (MilvusIndex euclid = create("mdfe_l2", Metric.EUCLIDEAN, Map.of("index_type", "IVF_FLAT", "nlist", "32", "nprobe", "4"));
             MilvusIndex angular = create("mdfe_cos", Metric.ANGULAR, Map.of("index_type", "HNSW", "M", "8", "ef", "10"));
             MilvusIndex dot = create("mdfe_ip", Metric.DOT, Map.of())) {
            for (MilvusIndex index : new MilvusIndex[] {euclid, angular, dot}) {
                index.add(random(40, 5), 40);
                index.build();
            }
            assertEquals(Map.of("index_type", "IVF_FLAT", "metric_type", "L2", "nlist", "32"), milvus.indexParams("mdfe_l2"));
            assertEquals(Map.of("index_type", "HNSW", "metric_type", "IP", "M", "8", "efConstruction", "200"),
                    milvus.indexParams("mdfe_cos"));
            assertEquals(Map.of("index_type", "FLAT", "metric_type", "IP"), milvus.indexParams("mdfe_ip"));

            euclid.search(random(1, 6), 1, 5);
            assertEquals("4", milvus.lastSearchParams().get("nprobe"));
            assertEquals("L2", milvus.lastSearchParams().get("metric_type"));
            angular.search(random(1, 6), 1, 5);
            assertEquals("10", milvus.lastSearchParams().get("ef"));
            angular.search(random(1, 6), 1, 25);
            assertEquals("25", milvus.lastSearchParams().get("ef"), "HNSW ef is raised to k");
        }
    }

    @Test
    void euclideanDistanceIsTheRootOfMilvusSquaredL2() {
        try (MilvusIndex index = create(Metric.EUCLIDEAN, Map.of())) {
            index.add(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0}, 2);
            index.build();
            Neighbors n = index.search(new float[DIM], 1, 2);
            assertArrayEquals(new int[] {0, 1}, n.ids());
            assertArrayEquals(new float[] {0f, 5f}, n.distances(), 1e-6f);
        }
    }

    @Test
    void tiesComeInIncreasingIdOrderAndShortRowsArePadded() {
        try (MilvusIndex index = create(Metric.DOT, Map.of())) {
            float[] same = new float[3 * DIM];
            Arrays.fill(same, 1f);
            index.add(same, 3);
            index.build();
            float[] query = new float[DIM];
            Arrays.fill(query, 0.5f);
            Neighbors n = index.search(query, 1, 5);
            assertArrayEquals(new int[] {0, 1, 2, -1, -1}, n.ids(), "stand-in answers ties in decreasing id order");
            assertEquals(4f, n.distance(0, 0), 1e-6f);
            assertTrue(Float.isNaN(n.distance(0, 3)) && Float.isNaN(n.distance(0, 4)));
        }
    }

    @Test
    void refusesBadInputAndWrongLifeCycle() {
        try (MilvusIndex index = create(Metric.ANGULAR, Map.of())) {
            float[] bad = random(5, 1);
            bad[3 * DIM + 2] = Float.NaN;
            IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> index.add(bad, 5));
            assertEquals("vector 3 has NaN at position 2", nan.getMessage());
            assertEquals(0, milvus.insertCalls(), "a bad batch inserts nothing");

            IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> index.add(new float[7], 1));
            assertTrue(length.getMessage().contains("1 vectors of 8 floats need 8 values, got 7"), length.getMessage());
            assertThrows(IllegalArgumentException.class, () -> index.add(new float[DIM], 1), "zero vector, angular");

            index.add(random(4, 1), 4);
            IllegalStateException early = assertThrows(IllegalStateException.class, () -> index.search(random(1, 2), 1, 1));
            assertTrue(early.getMessage().contains("not built yet"), early.getMessage());
            assertThrows(IllegalStateException.class, () -> index.save(tmp.resolve("early")));

            index.build();
            assertThrows(IllegalStateException.class, () -> index.add(random(1, 3), 1));
            assertThrows(IllegalStateException.class, index::build);
            assertThrows(IllegalArgumentException.class, () -> index.search(random(1, 2), 1, 0));
            float[] infQuery = random(2, 2);
            infQuery[DIM + 1] = Float.POSITIVE_INFINITY;
            IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> index.search(infQuery, 2, 1));
            assertEquals("query 1 has Infinity at position 1", inf.getMessage());
        }
    }

    @Test
    void refusesAnExistingCollectionAndBadParameters() {
        try (MilvusIndex first = create(Metric.DOT, Map.of())) {
            IllegalStateException taken = assertThrows(IllegalStateException.class, () -> create(Metric.DOT, Map.of()));
            assertTrue(taken.getMessage().contains("'mdfe_test' already exists"), taken.getMessage());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> create(Metric.DOT, Map.of("index_type", "HNSW", "nlist", "8")));
        assertEquals("Milvus HNSW index: unknown parameter 'nlist'; allowed: M, collection, ef, efConstruction, "
                + "index_type, insert_batch, search_batch", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> create(Metric.DOT, Map.of("index_type", "DISKANN")));
        assertThrows(IllegalArgumentException.class, () -> create(Metric.DOT, Map.of("insert_batch", "0")));
    }

    @Test
    void saveWritesADescriptorWithoutSecretsAndLoadReconnects() throws IOException {
        float[] data = random(60, 1);
        float[] queries = random(5, 2);
        Neighbors before;
        try (MilvusIndex index = create(Metric.ANGULAR, Map.of("index_type", "IVF_FLAT", "nprobe", "3"))) {
            index.add(data, 60);
            index.build();
            before = index.search(queries, 5, 4);
            index.save(tmp.resolve("saved"));
        }
        String descriptor = Files.readString(tmp.resolve("saved").resolve(MilvusDescriptor.FILE));
        assertFalse(descriptor.contains("s3cret"), descriptor);
        assertTrue(descriptor.contains("\"collection\" : \"mdfe_test\"") && descriptor.contains(milvus.uri()), descriptor);

        milvus.releaseAll();
        try (VectorIndex loaded = factory.load(tmp.resolve("saved"))) {
            assertEquals(new IndexSpec("m", "1", DIM, Metric.ANGULAR), loaded.spec());
            assertEquals(60, loaded.size());
            Neighbors after = loaded.search(queries, 5, 4);
            assertArrayEquals(before.ids(), after.ids());
            assertEquals("3", milvus.lastSearchParams().get("nprobe"));
        }
        assertTrue(milvus.authorizations().stream().allMatch(TOKEN::equals), "every call signs in with the token");
    }

    @Test
    void loadFailsClearlyWhenTheCollectionIsGoneOrTheDirectoryIsNotAnIndex() throws IOException {
        try (MilvusIndex index = create(Metric.DOT, Map.of())) {
            index.add(random(3, 1), 3);
            index.build();
            index.save(tmp.resolve("saved"));
            index.dropCollection();
        }
        assertFalse(milvus.hasCollection("mdfe_test"));
        IOException gone = assertThrows(IOException.class, () -> factory.load(tmp.resolve("saved")));
        assertTrue(gone.getMessage().contains("'mdfe_test' no longer exists"), gone.getMessage());
        assertThrows(IOException.class, () -> factory.load(tmp.resolve("nothing-here")));
    }

    private MilvusIndex create(Metric metric, Map<String, String> params) {
        return create("mdfe_test", metric, params);
    }

    private MilvusIndex create(String collection, Metric metric, Map<String, String> params) {
        Map<String, String> all = new HashMap<>(params);
        all.put("collection", collection);
        return factory.create(new IndexSpec("m", "1", DIM, metric), all);
    }

    private static float[] random(int rows, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * DIM];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Exact neighbours computed here, independently of the stand-in's scores. */
    private static Neighbors bruteForce(Metric metric, float[] data, int rows, float[] queries, int count, int k) {
        int[] ids = new int[count * k];
        float[] distances = new float[count * k];
        for (int q = 0; q < count; q++) {
            double[] query = row(queries, q, metric);
            double[] value = new double[rows];
            for (int r = 0; r < rows; r++) {
                double[] x = row(data, r, metric);
                double dot = 0;
                double l2 = 0;
                for (int i = 0; i < DIM; i++) {
                    dot += query[i] * x[i];
                    l2 += (query[i] - x[i]) * (query[i] - x[i]);
                }
                value[r] = metric == Metric.DOT ? dot : Math.sqrt(l2);
            }
            Comparator<Integer> best = metric == Metric.DOT
                    ? Comparator.comparingDouble((Integer r) -> -value[r]) : Comparator.comparingDouble(r -> value[r]);
            int[] order = IntStream.range(0, rows).boxed().sorted(best).limit(k).mapToInt(Integer::intValue).toArray();
            for (int j = 0; j < k; j++) {
                ids[q * k + j] = order[j];
                distances[q * k + j] = (float) value[order[j]];
            }
        }
        return new Neighbors(count, k, ids, distances);
    }

    private static double[] row(float[] values, int r, Metric metric) {
        double[] x = new double[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            x[i] = values[r * DIM + i];
            norm += x[i] * x[i];
        }
        if (metric == Metric.ANGULAR) {
            for (int i = 0; i < DIM; i++) {
                x[i] /= Math.sqrt(norm);
            }
        }
        return x;
    }
}
