package io.mdfe.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * This core's measured FMA peak at the JVM's preferred vector width, in GFLOP/s per core: the
 * ceiling a kernel's GFLOP/s is printed against. Ten independent FMA chains: enough to cover an FMA
 * latency of 4-5 cycles on two pipes (Intel since Skylake, AMD Zen 2-4), and few enough that
 * chains plus operands fit AVX2's 16 registers. Timed in this thread's CPU time, so a busy machine
 * lowers the figure less than wall time would (it still shares caches and SMT siblings).
 */
public final class FmaPeak {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 2_000_000;
    /** Flops per iteration: 10 chains x lanes x (multiply + add). */
    private static final int CHAINS = 10;

    private FmaPeak() {}

    /** Best of {@code rounds} timed runs after a warm-up, GFLOP/s of one core. */
    public static double gflops(int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        float sink = chains(ITERATIONS / 10);
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            sink += chains(ITERATIONS);
            long nanos = threads.getCurrentThreadCpuTime() - start;
            best = Math.max(best, 2.0 * CHAINS * S.length() * ITERATIONS / nanos);
        }
        if (Float.isNaN(sink)) {
            throw new AssertionError("unreachable: keeps the chains live");
        }
        return best;
    }

    /**
     * The same with {@code threads} threads running the chains at once: GFLOP/s of each, averaged. The
     * ceiling of a search on that many threads where vCPUs share a physical core's FMA units (two vCPUs
     * of a cloud VM are often SMT siblings: alone 95, side by side 62 each on an AMD EPYC Zen 3).
     */
    public static double gflopsAllBusy(int threads, int rounds) throws InterruptedException {
        double[] each = new double[threads];
        Thread[] workers = new Thread[threads];
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        for (int t = 0; t < threads; t++) {
            int slot = t;
            workers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                each[slot] = gflops(rounds);
            });
            workers[t].start();
        }
        double sum = 0;
        for (int t = 0; t < threads; t++) {
            workers[t].join();
            sum += each[t];
        }
        return sum / threads;
    }

    private static float chains(int iterations) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 1f);
        FloatVector c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).lane(0);
    }

    /** Prints {@code fma_peak_gflops_per_core=..}. */
    public static void main(String[] args) {
        System.out.printf(java.util.Locale.ROOT, "fma_peak_gflops_per_core=%.1f%n", gflops(5));
    }
}
