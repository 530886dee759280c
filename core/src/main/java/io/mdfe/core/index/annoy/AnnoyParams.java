package io.mdfe.core.index.annoy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Annoy's knobs, from the string map the index factory passes ({@code n_trees=300,search_k=-1}).
 *
 * @param nTrees trees in the forest (upstream evaluation: 300); more is slower to build, more exact
 * @param searchK candidates gathered per query; -1 is annoylib's default {@code k * n_trees}
 * @param seed annoylib's {@code set_seed} (an unsigned 32-bit value); empty = kissrandom's default seed
 * @param threads threads that build trees and answer query batches
 * @param seeding how trees draw random numbers, see {@link Seeding}
 * @param recallSample indexed vectors used as queries to measure recall after a build (0 = skip)
 * @param sumOrder the summation order of builds and searches, see {@link SumOrder}
 */
public record AnnoyParams(int nTrees, int searchK, OptionalInt seed, int threads, Seeding seeding, int recallSample,
                          SumOrder sumOrder) {

    /** Upstream MDFE2's evaluation default. */
    public static final int DEFAULT_TREES = 300;
    /** Sample size of the post-build recall check. */
    public static final int DEFAULT_RECALL_SAMPLE = 1000;

    /** How trees get their random numbers. */
    public enum Seeding {
        /**
         * Each tree has its own generator, seeded from the seed and the tree number, so trees build in
         * parallel and the file does not depend on the thread count. (annoylib 1.17+'s threaded
         * build instead seeds each thread with {@code seed + thread} and allocates nodes under a lock,
         * so its files depend on the thread count and on scheduling.)
         */
        PER_TREE("per-tree"),
        /**
         * One generator for all trees, in order, on one thread: annoylib's single-threaded
         * {@code build}. Given the same seed and vectors the file is byte-identical to annoylib's.
         */
        SEQUENTIAL("sequential");

        private final String id;

        Seeding(String id) {
            this.id = id;
        }

        /** The parameter value. */
        public String id() {
            return id;
        }
    }

    /**
     * How builds and searches sum dot products and squared distances, that is, which annoylib
     * build their arithmetic follows: searches match that build's distances (and so its neighbours,
     * ties included) bit for bit on any Annoy file, and a {@link Seeding#SEQUENTIAL} build writes
     * that build's file byte for byte (but see {@link #AVX512}). {@link #AVX512} builds and searches
     * several times faster.
     */
    public enum SumOrder {
        /** annoylib compiled without AVX (e.g. plain {@code -O2}): one running sum, in order. */
        SCALAR("scalar"),
        /**
         * annoylib compiled with AVX but not AVX-512F (its {@code USE_AVX} kernels, e.g. {@code -O2
         * -mavx -mfma -ffp-contract=off}): 8 running sums of rounded products, {@code hsum256_ps_avx}.
         * Builds are byte-identical to that compilation. Python's wheel on an AVX2 CPU
         * ({@code -march=native -ffast-math}) fuses those multiply-adds into FMAs, so its distances
         * can differ in the last bits; its neighbours are the same in AnnoyInteropTest. Needs
         * {@code --add-modules jdk.incubator.vector}.
         */
        AVX("avx"),
        /**
         * annoylib compiled with AVX-512F: 16 fused running sums and {@code _mm512_reduce_add_ps}.
         * Searches match Python's wheel ({@code -march=native} on this kind of machine). Builds match
         * annoylib with {@code -mavx512f} and IEEE arithmetic elsewhere, not the wheel's file: its
         * {@code -ffast-math} fuses other multiply-adds and normalises with {@code rsqrtss}, an
         * approximation whose bits differ between CPU vendors. Needs
         * {@code --add-modules jdk.incubator.vector}.
         */
        AVX512("avx512");

        private final String id;

        SumOrder(String id) {
            this.id = id;
        }

        /** The parameter value. */
        public String id() {
            return id;
        }

        /**
         * The default, parameter value {@code auto}: the widest order the JVM accelerates (where
         * annoylib's wheel uses the same kernels): {@link #AVX512} with 512-bit vectors, {@link #AVX}
         * with 256-bit ones, else (or without the Vector API) {@link #SCALAR}.
         */
        static SumOrder auto() {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return SCALAR;
            }
            return Avx512Sums.nativeWidth() ? AVX512 : AvxSums.nativeWidth() ? AVX : SCALAR;
        }

        /** True for the orders that run on {@code jdk.incubator.vector}. */
        boolean needsVectorApi() {
            return this != SCALAR;
        }
    }

    private static final String[] KEYS = {"n_trees", "search_k", "seed", "threads", "seeding", "recall_sample",
        "sum_order"};

    /** Checks ranges. */
    public AnnoyParams {
        if (nTrees < 1) {
            throw new IllegalArgumentException("annoy n_trees must be >= 1, got " + nTrees);
        }
        if (searchK < 1 && searchK != -1) {
            throw new IllegalArgumentException("annoy search_k must be -1 (k * n_trees) or >= 1, got " + searchK);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("annoy threads must be >= 1, got " + threads);
        }
        if (seeding == Seeding.SEQUENTIAL && threads != 1) {
            throw new IllegalArgumentException("annoy seeding=sequential builds on one thread; got threads=" + threads);
        }
        if (recallSample < 0) {
            throw new IllegalArgumentException("annoy recall_sample must be >= 0, got " + recallSample);
        }
        if (sumOrder.needsVectorApi() && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalArgumentException("annoy sum_order=" + sumOrder.id() + " needs the JVM option"
                    + " --add-modules jdk.incubator.vector");
        }
    }

    /** All defaults: 300 trees, default search_k, default seed, all cores, per-tree seeding. */
    public static AnnoyParams defaults() {
        return parse(Map.of());
    }

    /**
     * Reads {@code n_trees}, {@code search_k}, {@code seed}, {@code threads}, {@code seeding}
     * ({@code per-tree} | {@code sequential}; sequential implies one thread unless threads is given),
     * {@code recall_sample} and {@code sum_order} ({@code auto}, the default | {@code scalar} |
     * {@code avx} | {@code avx512}; see {@link SumOrder#auto}).
     *
     * @throws IllegalArgumentException for an unknown key (listing the valid ones) or a bad value
     */
    public static AnnoyParams parse(Map<String, String> params) {
        for (String key : params.keySet()) {
            if (!Arrays.asList(KEYS).contains(key)) {
                throw new IllegalArgumentException("annoy: unknown parameter '" + key + "'; allowed: "
                        + String.join(", ", KEYS));
            }
        }
        Seeding seeding = named(Seeding.values(), Seeding::id, "seeding", params.getOrDefault("seeding", Seeding.PER_TREE.id));
        int defaultThreads = seeding == Seeding.SEQUENTIAL ? 1 : Runtime.getRuntime().availableProcessors();
        return new AnnoyParams(
                integer(params, "n_trees", DEFAULT_TREES),
                integer(params, "search_k", -1),
                params.containsKey("seed") ? OptionalInt.of(integer(params, "seed", 0)) : OptionalInt.empty(),
                integer(params, "threads", defaultThreads),
                seeding,
                integer(params, "recall_sample", DEFAULT_RECALL_SAMPLE),
                sumOrder(params.getOrDefault("sum_order", "auto")));
    }

    /** The map {@link #parse} reads back (saved next to the index). */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("n_trees", Integer.toString(nTrees));
        map.put("search_k", Integer.toString(searchK));
        seed.ifPresent(s -> map.put("seed", Integer.toUnsignedString(s)));
        map.put("threads", Integer.toString(threads));
        map.put("seeding", seeding.id);
        map.put("recall_sample", Integer.toString(recallSample));
        map.put("sum_order", sumOrder.id);
        return map;
    }

    /** The KISS {@code x} state a build starts from (annoylib's {@code set_seed} zero-extends). */
    long baseSeed() {
        return seed.isPresent() ? Integer.toUnsignedLong(seed.getAsInt()) : Kiss64Random.DEFAULT_SEED;
    }

    /** The seed of tree {@code tree} under {@link Seeding#PER_TREE}: a SplitMix64 mix, never 0. */
    long treeSeed(int tree) {
        long z = baseSeed() + (tree + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 1 : z;
    }

    private static SumOrder sumOrder(String value) {
        if (value.trim().equalsIgnoreCase("auto")) {
            return SumOrder.auto();
        }
        for (SumOrder order : SumOrder.values()) {
            if (order.id.equalsIgnoreCase(value.trim())) {
                return order;
            }
        }
        throw new IllegalArgumentException("annoy sum_order: unknown value '" + value + "'; allowed: auto, "
                + Arrays.stream(SumOrder.values()).map(SumOrder::id).collect(Collectors.joining(", ")));
    }

    private static <E> E named(E[] values, java.util.function.Function<E, String> id, String key, String value) {
        for (E e : values) {
            if (id.apply(e).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("annoy " + key + ": unknown value '" + value + "'; allowed: "
                + Arrays.stream(values).map(id).collect(Collectors.joining(", ")));
    }

    private static int integer(Map<String, String> params, String key, int fallback) {
        String value = params.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            // seeds are unsigned 32-bit in annoylib; other values are plain ints
            return key.equals("seed") ? Integer.parseUnsignedInt(value.trim()) : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("annoy " + key + ": not an integer: '" + value + "'");
        }
    }
}
