package io.mdfe.bench;

import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.exact.ExactIndex;
import io.mdfe.core.io.NpyMatrix;
import java.nio.file.Path;
import java.util.Locale;

/**
 * ExactIndex build and search speed, for {@code bench/knn_exact}.
 *
 * <p>Usage: {@code KnnExactBench <index.npy> <queries.npy> <k> <threads> <out ids.npy>}. Inner
 * product (the {@code dot} metric) on the given, already normalised, vectors, as FAISS IndexFlatIP.
 * Warms the JIT on the first 512 queries, then times all of them. Writes the neighbour ids (as
 * float32, exact below 2^24) and prints {@code build_s=.. search_s=.. qps=.. cpu_s=.. gflops_per_core=..}, then this core's
 * {@link FmaPeak} and the search's share of it ({@code fma_peak_gflops_per_core=.. peak_pct=..}), one thread
 * alone and with all {@code threads} busy at once, as the search runs ({@code fma_peak_busy_gflops_per_core=..
 * busy_peak_pct=..}; lower where vCPUs share a core's FMA units).
 */
public final class KnnExactBench {

    private KnnExactBench() {}

    /**
     * @param args index file, query file, k, threads, output file
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: KnnExactBench <index.npy> <queries.npy> <k> <threads> <out.npy>");
        }
        NpyMatrix index = NpyMatrix.read(Path.of(args[0]));
        NpyMatrix queries = NpyMatrix.read(Path.of(args[1]));
        int k = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        try (ExactIndex exact = new ExactIndex(new IndexSpec("bench", "1", index.cols(), Metric.DOT), threads)) {
            exact.add(index.data(), index.rows());
            BuildReport report = exact.build();
            int warm = Math.min(512, queries.rows());
            exact.search(java.util.Arrays.copyOf(queries.data(), warm * queries.cols()), warm, k);
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            Neighbors result = exact.search(queries.data(), queries.rows(), k);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            float[] ids = new float[result.ids().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = result.ids()[i];
            }
            new NpyMatrix(queries.rows(), k, ids).write(Path.of(args[4]));
            // CPU seconds make runs comparable on a busy machine: GFLOP/s per busy core of the search
            double flops = 2.0 * index.cols() * index.rows() * queries.rows();
            double gflops = flops / cpuSeconds / 1e9;
            double peak = FmaPeak.gflops(5);
            double busyPeak = FmaPeak.gflopsAllBusy(threads, 5);
            System.out.printf(Locale.ROOT, "build_s=%.2f search_s=%.2f qps=%.1f cpu_s=%.2f gflops_per_core=%.1f"
                            + " fma_peak_gflops_per_core=%.1f peak_pct=%.0f fma_peak_busy_gflops_per_core=%.1f"
                            + " busy_peak_pct=%.0f tile=%s%n", report.buildTime().toNanos() / 1e9,
                    seconds, queries.rows() / seconds, cpuSeconds, gflops, peak, 100 * gflops / peak, busyPeak,
                    100 * gflops / busyPeak, ExactIndex.kernelInUse().replace(' ', '_'));
        }
    }
}
