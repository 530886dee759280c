package io.mdfe.bench;

import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.annoy.AnnoyIndex;
import io.mdfe.core.index.annoy.AnnoyNative;
import io.mdfe.core.index.annoy.AnnoyParams;
import io.mdfe.core.index.annoy.BruteForceNeighbors;
import io.mdfe.core.index.annoy.ClusteredVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Java Annoy vs annoylib (C++, compiled as Python's annoy wheel is: -O3 -march=native) in one run, for
 * {@code bench/knn_annoy}: build time, queries/s, recall@1 vs exact search, file size, peak memory,
 * with java/c++ ratios and a linear extrapolation to the merged UnED test set.
 *
 * <p>Each comparison uses one arithmetic on both sides: the wheel-like build against Java with
 * {@code sum_order=auto} (avx512, avx or scalar: the order this JVM accelerates), and annoylib's
 * portable -O2 build against Java
 * with {@code sum_order=scalar}. Queries run on the same file (the wheel-like build's) on both sides,
 * so their results must be identical, which the table reports; recall of the Java-built file is
 * measured separately.
 *
 * <p>Usage: {@code AnnoyBench <repo root> <work dir> <vectors> <queries> <dim> <n_trees> <k> <truth queries>}.
 * Data: deterministic clustered vectors. Order: two untimed Java warm-up builds for the JIT (the auto
 * order, a quarter of the trees each), then {@code ROUNDS} (env, 3) alternating one-thread builds, C++
 * wheel-like then Java auto order, each side's median reported; then Java on 2 threads; then a scalar
 * warm-up build, C++ -O2 and Java scalar; then queries (C++ then Java, one thread each), so both sides see similar machine load. Times are wall time; two rows give CPU time as well, which a loaded machine
 * distorts least (Java's includes its JIT compiler threads). Besides the table, writes {@code summary.tsv} in the work dir for
 * {@code bench/knn}: per side, build s (1 thread), queries/s (1 thread), recall@1, peak RSS MB, and
 * build + query s extrapolated linearly to the merged UnED test set.
 */
public final class AnnoyBench {

    /** The order {@code sum_order=auto} picks here: never one the hardware cannot run fast. */
    private static final AnnoyParams.SumOrder AUTO = AnnoyParams.parse(Map.of()).sumOrder();

    private static final long UNED_INDEX = 1_397_126;
    private static final long UNED_QUERIES = 241_986;

    private AnnoyBench() {
    }

    /**
     * @param args repo root, work dir, vectors, queries, dim, n_trees, k, truth queries
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: AnnoyBench <repo> <work> <vectors> <queries> <dim> <n_trees> <k> <truth>");
            System.exit(2);
        }
        Path repo = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int nq = Integer.parseInt(args[3]);
        int dim = Integer.parseInt(args[4]);
        int trees = Integer.parseInt(args[5]);
        int k = Integer.parseInt(args[6]);
        int truthCount = Math.min(nq, Integer.parseInt(args[7]));
        int rounds = rounds(System.getenv().getOrDefault("ROUNDS", "3"));
        Metric metric = Metric.EUCLIDEAN;

        // 1 cluster per ~20 vectors: UnED-like (many classes, few images each)
        int clusters = Math.max(1, n / 20);
        float[] data = ClusteredVectors.generate(1, n, dim, clusters, 0.35);
        float[] queries = ClusteredVectors.generate(2, nq, dim, clusters, 0.45);
        ClusteredVectors.writeF32(work.resolve("base.f32"), data);
        ClusteredVectors.writeF32(work.resolve("queries.f32"), queries);
        float[] truthQueries = Arrays.copyOf(queries, truthCount * dim);
        Neighbors truth = new BruteForceNeighbors(ClusteredVectors.rows(data, dim), metric, 2)
                .search(truthQueries, truthCount, 1);

        // the wheel as compiled on a CPU of this JVM's vector width (-mno-avx512f under -XX:UseAVX=2)
        boolean avx2 = AUTO == AnnoyParams.SumOrder.AVX;
        AnnoyNative cpp = AnnoyNative.compile(repo, work, avx2 ? AnnoyNative.NATIVE_AVX2_FLAGS : AnnoyNative.NATIVE_FLAGS,
                avx2 ? "annoy_driver_native_avx2" : "annoy_driver_native");
        AnnoyNative portable = AnnoyNative.compile(repo, work, AnnoyNative.PORTABLE_FLAGS, "annoy_driver_portable");
        IndexSpec spec = new IndexSpec("bench", "1", dim, metric);
        Path cppAnn = work.resolve("cpp.ann");
        Path javaAnn = work.resolve("java.ann");
        // C++ is compiled ahead of time; the JIT compiles the build's code in untimed builds (a build of
        // UnED's size amortises that anyway). The scalar order is built only after all of AUTO's timed
        // builds: a JVM that has run both compiles both into the shared methods, slower (as a service
        // runs one order, this measures what it sees)
        int warmTrees = Math.max(1, trees / 4);
        for (int w = 0; w < 2; w++) {
            javaBuild(spec, data, n, warmTrees, 1, AUTO, work.resolve("java-warm-up.ann"));
        }
        // the one-thread builds alternate, ROUNDS times, and each side's median is reported: on a shared
        // machine one run of either side can be 10% off
        AnnoyNative.BuildRun[] cppBuildRuns = new AnnoyNative.BuildRun[rounds];
        AnnoyNative.BuildRun[] javaBuildRuns = new AnnoyNative.BuildRun[rounds];
        for (int r = 0; r < rounds; r++) {
            cppBuildRuns[r] = cpp.build(metric, dim, work.resolve("base.f32"), trees, 42, cppAnn);
            javaBuildRuns[r] = javaBuild(spec, data, n, trees, 1, AUTO, javaAnn);
        }
        AnnoyNative.BuildRun cppBuildRun = median(cppBuildRuns);
        AnnoyNative.BuildRun javaBuildRun = median(javaBuildRuns);
        double javaBuild2 = javaBuild(spec, data, n, trees, 2, AUTO,
                work.resolve("java-2threads.ann")).seconds();
        javaBuild(spec, data, n, warmTrees, 1, AnnoyParams.SumOrder.SCALAR, work.resolve("java-warm-up.ann"));
        double portableBuild = portable.build(metric, dim, work.resolve("base.f32"), trees, 42,
                work.resolve("cpp-portable.ann")).seconds();
        double javaBuildScalar = javaBuild(spec, data, n, trees, 1, AnnoyParams.SumOrder.SCALAR,
                work.resolve("java-scalar.ann")).seconds();
        double cppBuild = cppBuildRun.seconds();
        double javaBuild1 = javaBuildRun.seconds();

        AnnoyNative.QueryRun cppRun = cpp.query(metric, dim, cppAnn, work.resolve("queries.f32"), nq, k, -1, 1,
                work.resolve("cpp-results.bin"));
        AnnoyNative.QueryRun portableRun = portable.query(metric, dim, cppAnn, work.resolve("queries.f32"), nq, k, -1,
                1, work.resolve("portable-results.bin"));
        JavaRun javaRun = javaQuery(cppAnn, spec, AUTO, queries, nq, k);
        JavaRun javaScalarRun = javaQuery(cppAnn, spec, AnnoyParams.SumOrder.SCALAR, queries, nq, k);
        Neighbors javaBuiltResult;
        try (AnnoyIndex index = AnnoyIndex.open(javaAnn, spec, params(AUTO, 1))) {
            javaBuiltResult = index.search(truthQueries, truthCount, k); // k sets search_k, as on the C++ side
        }
        long javaRss = peakRssKb();

        double cppRecall = top1(cppRun.neighbors(), truth);
        double javaRecall = top1(javaBuiltResult, truth);
        long cppBytes = Files.size(cppAnn);
        long javaBytes = Files.size(javaAnn);
        double scale = (double) UNED_INDEX / n;
        double qScale = (double) UNED_QUERIES / nq;

        System.out.println(BenchMachine.describe());
        System.out.printf("data: %,d x %d-d clustered vectors (%,d clusters), %,d queries, euclidean, n_trees %d,"
                + " k %d, search_k -1 (= k * n_trees); recall@1 on the first %,d queries vs brute force; one-thread"
                + " builds: median of %d alternating rounds after warm-up builds%n",
                n, dim, clusters, nq, trees, k, truthCount, rounds);
        System.out.printf("one-thread build rounds, s: C++ %s; Java %s%n", seconds(cppBuildRuns), seconds(javaBuildRuns));
        System.out.println("| | C++ annoylib | Java AnnoyIndex | java/c++ |");
        System.out.println("|---|---|---|---|");
        row("build s, 1 thread (C++ -O3 -march=native; Java sum_order=" + AUTO.id() + ")", cppBuild, javaBuild1);
        row("build s (C++ -O3 -march=native, 1 thread; Java sum_order=" + AUTO.id() + ", 2 threads)", cppBuild, javaBuild2);
        row("build s, 1 thread (C++ -O2, portable scalar; Java sum_order=scalar, byte-identical arithmetic)",
                portableBuild, javaBuildScalar);
        row("query s, 1 thread, same file (C++ -O3 -march=native; Java sum_order=" + AUTO.id() + ")", cppRun.seconds(),
                javaRun.seconds());
        row("query s, 1 thread, same file (C++ -O2; Java sum_order=scalar)", portableRun.seconds(),
                javaScalarRun.seconds());
        // CPU time: what a loaded machine distorts least (Java's includes its JIT compiler threads)
        row("build CPU s, 1 thread (C++ -O3 -march=native; Java sum_order=" + AUTO.id() + ")",
                cppBuildRun.cpuSeconds(), javaBuildRun.cpuSeconds());
        row("query CPU s, 1 thread, same file (C++ -O3 -march=native; Java sum_order=" + AUTO.id() + ")",
                cppRun.cpuSeconds(), javaRun.cpuSeconds());
        System.out.printf("| queries/s, 1 thread (C++ -O3 -march=native; Java sum_order=" + AUTO.id() + ") | %.0f | %.0f | %.2f |%n",
                nq / cppRun.seconds(), nq / javaRun.seconds(), cppRun.seconds() / javaRun.seconds());
        System.out.printf("| same ids and distances as C++ (" + AUTO.id() + " vs -march=native; scalar vs -O2) | | %s; %s | |%n",
                same(cppRun.neighbors(), javaRun.neighbors()), same(portableRun.neighbors(), javaScalarRun.neighbors()));
        System.out.printf("| recall@1 vs exact (each side's own build; Java sum_order=" + AUTO.id() + ") | %.3f | %.3f | %.2f |%n",
                cppRecall, javaRecall, javaRecall / cppRecall);
        System.out.printf("| file MB | %.1f | %.1f | %.2f |%n", cppBytes / 1e6, javaBytes / 1e6, (double) javaBytes / cppBytes);
        System.out.printf("| peak RSS MB (C++ query process; whole JVM incl. data + exact) | %.0f | %.0f | %.2f |%n",
                cppRun.peakRssKb() / 1e3, javaRss / 1e3, (double) javaRss / cppRun.peakRssKb());
        System.out.printf("| UnED merged (1,397,126 x 241,986), linear extrapolation: build s, 1 thread | %.0f | %.0f | |%n",
                cppBuild * scale, javaBuild1 * scale);
        System.out.printf("| UnED merged, linear extrapolation: query s, 1 thread | %.0f | %.0f | |%n",
                cppRun.seconds() * qScale, javaRun.seconds() * qScale);
        System.out.printf("| UnED merged, file GB (linear) | %.2f | %.2f | |%n", cppBytes * scale / 1e9, javaBytes * scale / 1e9);
        Files.write(work.resolve("summary.tsv"), java.util.List.of(
                summary("C++ annoylib (-O3 -march=native)", cppBuild, nq / cppRun.seconds(), cppRecall,
                        cppRun.peakRssKb(), cppBuild * scale + cppRun.seconds() * qScale),
                summary("Java AnnoyIndex (sum_order=" + AUTO.id() + ")", javaBuild1, nq / javaRun.seconds(), javaRecall, javaRss,
                        javaBuild1 * scale + javaRun.seconds() * qScale)));
    }

    private static AnnoyParams params(AnnoyParams.SumOrder order, int threads) {
        return AnnoyParams.parse(Map.of("threads", "" + threads, "sum_order", order.id()));
    }

    /** The env's {@code ROUNDS}: a whole number from 1 to 100, else one line naming it. */
    private static int rounds(String value) {
        try {
            int rounds = Integer.parseInt(value.strip());
            if (rounds >= 1 && rounds <= 100) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("bench/knn_annoy: ROUNDS must be a whole number from 1 to 100, got '" + value + "'");
        System.exit(2);
        return 0;
    }

    private static String seconds(AnnoyNative.BuildRun[] runs) {
        return Arrays.stream(runs).map(r -> String.format(java.util.Locale.ROOT, "%.2f", r.seconds()))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** The run of median wall time. */
    private static AnnoyNative.BuildRun median(AnnoyNative.BuildRun[] runs) {
        AnnoyNative.BuildRun[] sorted = runs.clone();
        Arrays.sort(sorted, java.util.Comparator.comparingDouble(AnnoyNative.BuildRun::seconds));
        return sorted[sorted.length / 2];
    }

    /** The build's wall time and this process's CPU time over it. */
    private static AnnoyNative.BuildRun javaBuild(IndexSpec spec, float[] data, int n, int trees, int threads,
                                                  AnnoyParams.SumOrder order, Path out) throws Exception {
        try (AnnoyIndex index = AnnoyIndex.create(spec, AnnoyParams.parse(Map.of("n_trees", "" + trees,
                "seed", "42", "threads", "" + threads, "recall_sample", "0", "sum_order", order.id())))) {
            index.add(data, n);
            long cpuStart = processCpuNanos();
            double seconds = index.build().buildTime().toNanos() / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            index.saveAnnFile(out);
            return new AnnoyNative.BuildRun(seconds, cpuSeconds);
        }
    }

    /** Java's answers and the seconds all queries took (one thread, after a JIT warm-up). */
    private record JavaRun(Neighbors neighbors, double seconds, double cpuSeconds) {
    }

    private static JavaRun javaQuery(Path ann, IndexSpec spec, AnnoyParams.SumOrder order, float[] queries, int nq,
                                     int k) throws Exception {
        int dim = spec.dim();
        try (AnnoyIndex index = AnnoyIndex.open(ann, spec, params(order, 1))) {
            int warm = Math.min(nq, 2000);
            index.search(Arrays.copyOf(queries, warm * dim), warm, k);
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            Neighbors result = index.search(queries, nq, k);
            return new JavaRun(result, (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuStart) / 1e9);
        }
    }

    private static String same(Neighbors cpp, Neighbors java) {
        return Arrays.equals(cpp.ids(), java.ids()) && Arrays.equals(cpp.distances(), java.distances()) ? "yes" : "NO";
    }

    private static String summary(String method, double buildS, double qps, double recall1, long rssKb,
                                  double fullS) {
        return String.format(java.util.Locale.ROOT, "%s\t%.2f\t%.1f\t%.4f\t%.0f\t%.0f", method, buildS, qps,
                recall1, rssKb / 1e3, fullS);
    }

    private static void row(String name, double cpp, double java) {
        System.out.printf("| %s | %.1f | %.1f | %.2f |%n", name, cpp, java, java / cpp);
    }

    private static double top1(Neighbors result, Neighbors truth) {
        int hits = 0;
        for (int q = 0; q < truth.queries(); q++) {
            hits += result.id(q, 0) == truth.id(q, 0) ? 1 : 0;
        }
        return (double) hits / truth.queries();
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
