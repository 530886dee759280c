package io.mdfe.core.index.exact;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Register-tile micro-benchmark: GFLOP/s of one core for each {@link KernelChoice} setting named on
 * the command line, on 1,536 64-d vectors (384 KB, in L2 as {@link ExactIndex}'s chunks are) and 240
 * queries, timed in thread CPU time (best of 5), each tile with its hit test against thresholds no
 * score beats (the common case once the heaps are full).
 * Run with {@code -XX:UseAVX=2} to see the AVX2 path on an AVX-512 CPU. Usage:
 * {@code TileBench 6x4 5x2 ...}.
 */
public final class TileBench {

    private TileBench() {}

    /** @param args kernel settings, e.g. {@code 6x4 5x2} */
    public static void main(String[] args) {
        int dim = 64;
        int n = 1536;
        int nq = 240;
        Random rng = new Random(1);
        float[] rows = new float[n * dim];
        float[] queries = new float[nq * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) rng.nextGaussian();
        }
        for (String setting : args) {
            ScoreKernel kernel = KernelChoice.of(setting);
            List<float[]> chunks = new ArrayList<>(List.of(rows.clone()));
            Panels panels = Panels.of(chunks, n, dim, kernel.lanes(), kernel.group(), false);
            float[] thresholds = new float[nq];
            Arrays.fill(thresholds, Float.MAX_VALUE);
            System.out.printf(Locale.ROOT, "tile=%s gflops_per_core=%.1f%n", kernel.describe(),
                    gflops(kernel, panels, kernel.queryLayout(queries, nq, dim), nq, thresholds));
        }
    }

    /** Best of 5 rounds after 3 warm-up ones. */
    private static double gflops(ScoreKernel kernel, Panels panels, float[] queries, int nq, float[] thresholds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        float[] scores = new float[kernel.tileSize()];
        float sink = 0;
        int dim = panels.dim;
        int n = panels.count;
        double best = 0;
        for (int round = 0; round < 8; round++) {
            long start = threads.getCurrentThreadCpuTime();
            int passes = 20;
            for (int pass = 0; pass < passes; pass++) {
                for (int row = 0; row + kernel.rows() <= nq; row += kernel.rows()) {
                    for (int p = 0; p < panels.panelCount(); p += kernel.group()) {
                        sink += kernel.tile(panels, p, queries, row, thresholds, scores);
                    }
                }
            }
            long nanos = threads.getCurrentThreadCpuTime() - start;
            int scored = nq / kernel.rows() * kernel.rows();
            double gflops = 2.0 * dim * n * scored * passes / nanos;
            if (round >= 3) {
                best = Math.max(best, gflops);
            }
        }
        if (Float.isNaN(sink)) {
            throw new AssertionError("unreachable: keeps the scores live");
        }
        return best;
    }
}
