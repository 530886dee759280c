package io.mdfe.core.index.annoy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Java Annoy against annoylib.h itself (npm {@value AnnoyNative#NPM_PACKAGE}, compiled with g++ at
 * test time in its portable scalar mode): the same seed gives a byte-identical file, and a file built
 * by either side returns the same neighbours and distances on both sides. When this machine has
 * AVX-512F, {@code sum_order=avx512} builds are byte-identical to annoylib's AVX-512 kernels (without
 * {@code -ffast-math}), and its searches match annoylib compiled like Python's wheel
 * ({@code -march=native}). Fails, naming what to install, when g++ or npm is missing.
 */
class AnnoyInteropTest {

    private static final int DIM = 24; // not a multiple of 8 or 16: exercises annoylib's tail loops
    private static final int ROWS = 3000;
    private static final int QUERIES = 200;
    private static final int TREES = 10;
    private static final int K = 10;
    private static final int SEED = 42;
    private static final Path WORK = Path.of("target/annoy-native").toAbsolutePath();

    private static AnnoyNative annoylib;
    /** annoylib built as Python's wheel is; null when this CPU lacks AVX-512F (another code path). */
    private static AnnoyNative annoylibNative;
    /** annoylib's AVX-512 kernels without -ffast-math; null without AVX-512F. */
    private static AnnoyNative annoylibAvx512;
    private static float[] data;
    private static float[] queries;

    @BeforeAll
    static void compileDriver() throws IOException {
        Files.createDirectories(WORK);
        annoylib = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK, AnnoyNative.PORTABLE_FLAGS,
                "annoy_driver_portable");
        if (Files.readString(Path.of("/proc/cpuinfo")).contains(" avx512f")) {
            annoylibNative = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                    AnnoyNative.NATIVE_FLAGS, "annoy_driver_native");
            annoylibAvx512 = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                    AnnoyNative.AVX512_FLAGS, "annoy_driver_avx512");
        }
        data = ClusteredVectors.generate(1, ROWS, DIM, 60, 0.3);
        queries = ClusteredVectors.generate(2, QUERIES, DIM, 60, 0.5);
        // a few all-zero rows: annoylib's zero-norm and zero-margin branches
        Arrays.fill(data, 5 * DIM, 7 * DIM, 0f);
        ClusteredVectors.writeF32(WORK.resolve("vectors.f32"), data);
        ClusteredVectors.writeF32(WORK.resolve("queries.f32"), queries);
    }

    private static AnnoyIndex javaIndex(Metric metric, Map<String, String> params) {
        AnnoyIndex index = AnnoyIndex.create(new IndexSpec("interop", "1", DIM, metric), AnnoyParams.parse(params));
        index.add(data, ROWS);
        index.build();
        return index;
    }

    private static Path file(Metric metric, String name) {
        return WORK.resolve(metric.id() + "-" + name);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void sequentialBuildIsByteIdenticalToAnnoylib(Metric metric) throws IOException {
        assertSequentialBuildIsByteIdentical(annoylib, AnnoyParams.SumOrder.SCALAR, metric);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void sequentialAvx512BuildIsByteIdenticalToAnnoylibsAvx512Kernels(Metric metric) throws IOException {
        Assumptions.assumeTrue(annoylibAvx512 != null, "no AVX-512F on this CPU");
        byte[] avx512 = assertSequentialBuildIsByteIdentical(annoylibAvx512, AnnoyParams.SumOrder.AVX512, metric);
        // the order reaches the build: from the same seed, scalar sums place other planes
        byte[] scalar = Files.readAllBytes(javaSequentialBuild(metric, AnnoyParams.SumOrder.SCALAR));
        assertTrue(Arrays.mismatch(avx512, scalar) >= 0, metric + ": avx512 and scalar builds differ");
    }

    /** annoylib and Java, one thread, seed {@value #SEED}: the same bytes; returns them. */
    private static byte[] assertSequentialBuildIsByteIdentical(AnnoyNative cppBuild, AnnoyParams.SumOrder order,
                                                                Metric metric) throws IOException {
        Path cpp = file(metric, "cpp-" + order.id() + ".ann");
        cppBuild.build(metric, DIM, WORK.resolve("vectors.f32"), TREES, SEED, cpp);
        byte[] expected = Files.readAllBytes(cpp);
        byte[] actual = Files.readAllBytes(javaSequentialBuild(metric, order));
        assertEquals(expected.length, actual.length, "file sizes");
        assertEquals(-1, Arrays.mismatch(expected, actual), metric + " " + order.id() + ": first differing byte");
        return actual;
    }

    private static Path javaSequentialBuild(Metric metric, AnnoyParams.SumOrder order) throws IOException {
        Path ours = file(metric, "java-seq-" + order.id() + ".ann");
        try (AnnoyIndex index = javaIndex(metric, Map.of("n_trees", "" + TREES, "seed", "" + SEED,
                "seeding", "sequential", "recall_sample", "0", "sum_order", order.id()))) {
            index.saveAnnFile(ours);
        }
        return ours;
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void fileBuiltInJavaSearchesTheSameInCpp(Metric metric) throws IOException {
        Path ours = file(metric, "java-par.ann");
        try (AnnoyIndex index = javaIndex(metric, Map.of("n_trees", "" + TREES, "seed", "7", "threads", "2",
                "recall_sample", "0"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(metric, ours, searchK);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void fileBuiltByAnnoylibSearchesTheSameInJava(Metric metric) throws IOException {
        Path cpp = file(metric, "cpp-default-seed.ann");
        annoylib.build(metric, DIM, WORK.resolve("vectors.f32"), TREES, null, cpp);
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(metric, cpp, searchK);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void avx512SumOrderSearchesAsAnnoylibBuiltLikeTheWheel(Metric metric) throws IOException {
        Assumptions.assumeTrue(annoylibNative != null, "no AVX-512F on this CPU");
        Path ours = file(metric, "java-for-native.ann");
        try (AnnoyIndex index = javaIndex(metric, Map.of("n_trees", "" + TREES, "seed", "9", "recall_sample", "0"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(annoylibNative, AnnoyParams.SumOrder.AVX512, metric, ours, searchK);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void avx512BuiltFileSearchesTheSameInJavaAndBothAnnoylibBuilds(Metric metric) throws IOException {
        Assumptions.assumeTrue(annoylibNative != null, "no AVX-512F on this CPU");
        Path ours = file(metric, "java-avx512-par.ann");
        try (AnnoyIndex index = javaIndex(metric, Map.of("n_trees", "" + TREES, "seed", "11", "threads", "2",
                "recall_sample", "0", "sum_order", "avx512"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(annoylibNative, AnnoyParams.SumOrder.AVX512, metric, ours, searchK);
            assertSameNeighbours(annoylib, AnnoyParams.SumOrder.SCALAR, metric, ours, searchK);
        }
    }

    private static void assertSameNeighbours(Metric metric, Path ann, int searchK) throws IOException {
        assertSameNeighbours(annoylib, AnnoyParams.SumOrder.SCALAR, metric, ann, searchK);
    }

    /** Both sides load {@code ann} and answer the queries: same ids, same distances. */
    private static void assertSameNeighbours(AnnoyNative cppBuild, AnnoyParams.SumOrder order, Metric metric, Path ann,
                                             int searchK) throws IOException {
        Neighbors cpp = cppBuild.query(metric, DIM, ann, WORK.resolve("queries.f32"), QUERIES, K, searchK, 1,
                WORK.resolve("result.bin")).neighbors();
        Neighbors java;
        try (AnnoyIndex index = AnnoyIndex.open(ann, new IndexSpec("interop", "1", DIM, metric),
                AnnoyParams.parse(Map.of("search_k", "" + searchK, "sum_order", order.id())))) {
            assertEquals(ROWS, index.size());
            assertEquals(TREES, index.trees());
            java = index.search(queries, QUERIES, K);
        }
        assertTrue(cpp.ids()[0] >= 0, "annoylib returned results");
        String what = metric + " " + order.id() + " search_k=" + searchK;
        assertArrayEquals(cpp.ids(), java.ids(), what + ": neighbour ids");
        assertArrayEquals(cpp.distances(), java.distances(), 0f, what + ": distances");
    }
}
