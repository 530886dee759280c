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
 * by either side returns the same neighbours and distances on both sides. {@code sum_order=avx512}
 * builds are byte-identical to annoylib's AVX-512 kernels (without {@code -ffast-math}), run for real
 * where the CPU has AVX-512F and with their intrinsics emulated everywhere, and its searches match
 * annoylib compiled like Python's wheel ({@code -march=native}, on AVX-512 machines; elsewhere the
 * emulated kernels stand in; checked at 24-d: at 27-d the wheel's distances differ in the last bits
 * from annoylib's own AVX-512 kernels, as its {@code -ffast-math} contracts more multiply-adds). With AVX, {@code sum_order=avx} builds are
 * byte-identical to annoylib's 256-bit AVX kernels (27-d, so their tail loops run), and its searches
 * give the wheel-on-AVX2 build's neighbours. Fails, naming what to install, when g++ or npm is missing.
 */
class AnnoyInteropTest {

    /** Not a multiple of 16: exercises the AVX-512 kernels' tail loops (the wheel's exactness is checked here). */
    private static final int DIM = 24;
    /** Not a multiple of 8: exercises the AVX kernels' tail loops too. */
    private static final int TAIL_DIM = 27;
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
    /** The same kernels with their intrinsics emulated, on any CPU ({@code tools/annoy/avx512_emulation.h}). */
    private static AnnoyNative annoylibAvx512Emulated;
    /** annoylib's 256-bit AVX kernels without -ffast-math; null without AVX. */
    private static AnnoyNative annoylibAvx;
    /** annoylib built as Python's wheel is on an AVX2 CPU; null without AVX2 and FMA. */
    private static AnnoyNative annoylibNativeAvx2;
    /** The {@value #DIM}-d vectors and queries. */
    private static Fixture main;
    /** The {@value #TAIL_DIM}-d ones. */
    private static Fixture tail;

    /** Clustered vectors with a few all-zero rows (annoylib's zero-norm and zero-margin branches), and queries. */
    private record Fixture(int dim, float[] data, float[] queries, Path vectorsFile, Path queriesFile) {
        static Fixture of(int dim) throws IOException {
            float[] data = ClusteredVectors.generate(1, ROWS, dim, 60, 0.3);
            float[] queries = ClusteredVectors.generate(2, QUERIES, dim, 60, 0.5);
            Arrays.fill(data, 5 * dim, 7 * dim, 0f);
            Fixture f = new Fixture(dim, data, queries, WORK.resolve("vectors-" + dim + ".f32"),
                    WORK.resolve("queries-" + dim + ".f32"));
            ClusteredVectors.writeF32(f.vectorsFile, data);
            ClusteredVectors.writeF32(f.queriesFile, queries);
            return f;
        }
    }

    @BeforeAll
    static void compileDriver() throws IOException {
        Files.createDirectories(WORK);
        annoylib = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK, AnnoyNative.PORTABLE_FLAGS,
                "annoy_driver_portable");
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        if (cpuinfo.contains(" avx ")) {
            annoylibAvx = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK, AnnoyNative.AVX_FLAGS,
                    "annoy_driver_avx");
        }
        if (cpuinfo.contains(" avx2 ") && cpuinfo.contains(" fma ")) {
            annoylibNativeAvx2 = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                    AnnoyNative.NATIVE_AVX2_FLAGS, "annoy_driver_native_avx2");
        }
        annoylibAvx512Emulated = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                AnnoyNative.avx512EmulatedFlags(Path.of("").toAbsolutePath().getParent()), "annoy_driver_avx512_emulated");
        if (cpuinfo.contains(" avx512f")) {
            annoylibNative = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                    AnnoyNative.NATIVE_FLAGS, "annoy_driver_native");
            annoylibAvx512 = AnnoyNative.compile(Path.of("").toAbsolutePath().getParent(), WORK,
                    AnnoyNative.AVX512_FLAGS, "annoy_driver_avx512");
        }
        main = Fixture.of(DIM);
        tail = Fixture.of(TAIL_DIM);
    }

    private static AnnoyIndex javaIndex(Fixture f, Metric metric, Map<String, String> params) {
        AnnoyIndex index = AnnoyIndex.create(new IndexSpec("interop", "1", f.dim(), metric), AnnoyParams.parse(params));
        index.add(f.data(), ROWS);
        index.build();
        return index;
    }

    private static Path file(Fixture f, Metric metric, String name) {
        return WORK.resolve(metric.id() + "-" + f.dim() + "-" + name);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void sequentialBuildIsByteIdenticalToAnnoylib(Metric metric) throws IOException {
        assertSequentialBuildIsByteIdentical(main, annoylib, AnnoyParams.SumOrder.SCALAR, metric);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void sequentialAvx512BuildIsByteIdenticalToAnnoylibsAvx512Kernels(Metric metric) throws IOException {
        // the emulated kernels on every CPU, and the real ones too where they run
        byte[] avx512 = assertSequentialBuildIsByteIdentical(main, annoylibAvx512Emulated, AnnoyParams.SumOrder.AVX512,
                metric);
        if (annoylibAvx512 != null) {
            assertArrayEquals(avx512, assertSequentialBuildIsByteIdentical(main, annoylibAvx512,
                    AnnoyParams.SumOrder.AVX512, metric), metric + ": emulated and real AVX-512 kernels");
        }
        // the order reaches the build: from the same seed, scalar sums place other planes
        byte[] scalar = Files.readAllBytes(javaSequentialBuild(main, metric, AnnoyParams.SumOrder.SCALAR));
        assertTrue(Arrays.mismatch(avx512, scalar) >= 0, metric + ": avx512 and scalar builds differ");
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void sequentialAvxBuildIsByteIdenticalToAnnoylibsAvxKernels(Metric metric) throws IOException {
        Assumptions.assumeTrue(annoylibAvx != null, "no AVX on this CPU");
        byte[] avx = assertSequentialBuildIsByteIdentical(tail, annoylibAvx, AnnoyParams.SumOrder.AVX, metric);
        byte[] scalar = Files.readAllBytes(javaSequentialBuild(tail, metric, AnnoyParams.SumOrder.SCALAR));
        assertTrue(Arrays.mismatch(avx, scalar) >= 0, metric + ": avx and scalar builds differ");
    }

    /**
     * The wheel on an AVX2 CPU fuses annoylib's AVX multiply-adds ({@code -ffast-math}), so its
     * distances may differ from {@code sum_order=avx}'s in the last bits: same ids, distances within
     * float rounding; and exactly annoylib's own AVX kernels' results.
     */
    @ParameterizedTest
    @EnumSource(Metric.class)
    void avxSumOrderSearchesAsAnnoylibBuiltLikeTheWheelOnAvx2(Metric metric) throws IOException {
        Assumptions.assumeTrue(annoylibNativeAvx2 != null && annoylibAvx != null, "no AVX2 + FMA on this CPU");
        Path ours = file(tail, metric, "java-avx-par.ann");
        try (AnnoyIndex index = javaIndex(tail, metric, Map.of("n_trees", "" + TREES, "seed", "13", "threads", "2",
                "recall_sample", "0", "sum_order", "avx"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(tail, annoylibAvx, AnnoyParams.SumOrder.AVX, metric, ours, searchK, 0f);
            assertSameNeighbours(tail, annoylibNativeAvx2, AnnoyParams.SumOrder.AVX, metric, ours, searchK, 1e-5f);
        }
    }

    /** annoylib and Java, one thread, seed {@value #SEED}: the same bytes; returns them. */
    private static byte[] assertSequentialBuildIsByteIdentical(Fixture f, AnnoyNative cppBuild,
                                                                AnnoyParams.SumOrder order, Metric metric)
            throws IOException {
        Path cpp = file(f, metric, "cpp-" + order.id() + ".ann");
        cppBuild.build(metric, f.dim(), f.vectorsFile(), TREES, SEED, cpp);
        byte[] expected = Files.readAllBytes(cpp);
        byte[] actual = Files.readAllBytes(javaSequentialBuild(f, metric, order));
        assertEquals(expected.length, actual.length, "file sizes");
        assertEquals(-1, Arrays.mismatch(expected, actual), metric + " " + order.id() + ": first differing byte");
        return actual;
    }

    private static Path javaSequentialBuild(Fixture f, Metric metric, AnnoyParams.SumOrder order) throws IOException {
        Path ours = file(f, metric, "java-seq-" + order.id() + ".ann");
        try (AnnoyIndex index = javaIndex(f, metric, Map.of("n_trees", "" + TREES, "seed", "" + SEED,
                "seeding", "sequential", "recall_sample", "0", "sum_order", order.id()))) {
            index.saveAnnFile(ours);
        }
        return ours;
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void fileBuiltInJavaSearchesTheSameInCpp(Metric metric) throws IOException {
        Path ours = file(main, metric, "java-par.ann");
        try (AnnoyIndex index = javaIndex(main, metric, Map.of("n_trees", "" + TREES, "seed", "7", "threads", "2",
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
        Path cpp = file(main, metric, "cpp-default-seed.ann");
        annoylib.build(metric, DIM, main.vectorsFile(), TREES, null, cpp);
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(metric, cpp, searchK);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void avx512SumOrderSearchesAsAnnoylibBuiltLikeTheWheel(Metric metric) throws IOException {
        Path ours = file(main, metric, "java-for-native.ann");
        try (AnnoyIndex index = javaIndex(main, metric, Map.of("n_trees", "" + TREES, "seed", "9", "recall_sample", "0"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(main, wheelAvx512(), AnnoyParams.SumOrder.AVX512, metric, ours, searchK, 0f);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void avx512BuiltFileSearchesTheSameInJavaAndBothAnnoylibBuilds(Metric metric) throws IOException {
        Path ours = file(main, metric, "java-avx512-par.ann");
        try (AnnoyIndex index = javaIndex(main, metric, Map.of("n_trees", "" + TREES, "seed", "11", "threads", "2",
                "recall_sample", "0", "sum_order", "avx512"))) {
            index.saveAnnFile(ours);
        }
        for (int searchK : new int[] {-1, 40, 5000}) {
            assertSameNeighbours(main, wheelAvx512(), AnnoyParams.SumOrder.AVX512, metric, ours, searchK, 0f);
            assertSameNeighbours(main, annoylib, AnnoyParams.SumOrder.SCALAR, metric, ours, searchK, 0f);
        }
    }

    /**
     * The wheel's AVX-512 build where it runs; elsewhere the emulated AVX-512 kernels, which its searches
     * sum as (the two tests using this check that on AVX-512 machines).
     */
    private static AnnoyNative wheelAvx512() {
        return annoylibNative != null ? annoylibNative : annoylibAvx512Emulated;
    }

    private static void assertSameNeighbours(Metric metric, Path ann, int searchK) throws IOException {
        assertSameNeighbours(main, annoylib, AnnoyParams.SumOrder.SCALAR, metric, ann, searchK, 0f);
    }

    /** Both sides load {@code ann} and answer {@code f}'s queries: same ids, distances within {@code delta}. */
    private static void assertSameNeighbours(Fixture f, AnnoyNative cppBuild, AnnoyParams.SumOrder order, Metric metric,
                                             Path ann, int searchK, float delta) throws IOException {
        Neighbors cpp = cppBuild.query(metric, f.dim(), ann, f.queriesFile(), QUERIES, K, searchK, 1,
                WORK.resolve("result.bin")).neighbors();
        Neighbors java;
        try (AnnoyIndex index = AnnoyIndex.open(ann, new IndexSpec("interop", "1", f.dim(), metric),
                AnnoyParams.parse(Map.of("search_k", "" + searchK, "sum_order", order.id())))) {
            assertEquals(ROWS, index.size());
            assertEquals(TREES, index.trees());
            java = index.search(f.queries(), QUERIES, K);
        }
        assertTrue(cpp.ids()[0] >= 0, "annoylib returned results");
        String what = metric + " " + order.id() + " search_k=" + searchK;
        assertArrayEquals(cpp.ids(), java.ids(), what + ": neighbour ids");
        assertArrayEquals(cpp.distances(), java.distances(), delta, what + ": distances");
    }
}
