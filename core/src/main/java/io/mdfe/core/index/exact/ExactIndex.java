package io.mdfe.core.index.exact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact k-nearest-neighbour search by brute force, multi-threaded and memory-bounded.
 *
 * <p>Result: the k indexed vectors with the best double-precision score, ties by increasing id.
 * The score is {@code q.x} for {@link Metric#DOT}, {@code q.x} of vectors L2-normalised once in
 * float32 for {@link Metric#ANGULAR}, and {@code -sum (q_j - x_j)^2} for {@link Metric#EUCLIDEAN};
 * distances are reported as {@link Metric} defines them.
 *
 * <p>How: queries are cut into blocks of about {@value #QUERY_BLOCK} (whole kernel tiles; fewer when
 * that would leave a worker idle), spread over {@code threads} workers. Each worker streams the index in chunks of
 * {@value #CHUNK_BYTES} bytes (a quarter of a 1 MB L2, so the chunk stays there next to the query
 * block while every query group of the block passes over it) through a float32
 * {@link ScoreKernel}, keeping per query a heap of {@code k + }{@value #EXTRA_CANDIDATES} candidates.
 * A float32 score of n terms is within {@code b = 2 (d + 4) 2^-24 (|bias| + ||q|| ||x||)} of its
 * exact value (standard summation bound, doubled for safety). The true top k all have float32
 * scores within {@code 2b} of the k-th best float32 score; every candidate in that window is
 * re-scored in double precision. When the heap is too small to hold the whole window (many exact
 * ties), that query is scanned again with a 4x larger heap. Memory: the vectors once, plus
 * {@code threads x block x heap} candidates.
 */
public final class ExactIndex implements VectorIndex {

    /** Large, because every block streams the whole index from memory once. */
    static final int QUERY_BLOCK = 256;
    static final int CHUNK_BYTES = 256 * 1024;
    static final int EXTRA_CANDIDATES = 16;
    /** Squared norms above this could overflow float32 scores. */
    private static final double MAX_SQUARED_NORM = 0x1p100;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final String VECTORS_FILE = "vectors.npy";
    private static final String SPEC_FILE = "index.json";
    private static final String FORMAT = "mdfe-exact-index/1";

    private final IndexSpec spec;
    private final int threads;
    private final ScoreKernel kernel;
    private final List<float[]> pending = new ArrayList<>();
    private long pendingCount;
    private volatile Panels panels;
    private ExecutorService pool;

    /**
     * An empty index.
     *
     * @param threads search workers, at least 1
     */
    public ExactIndex(IndexSpec spec, int threads) {
        this(spec, threads, ScoreKernel.best());
    }

    /**
     * The float32 kernel new indexes use on this JVM, e.g. {@code 6x4 (16 lanes)} (see
     * {@code KernelChoice}; the system property {@code mdfe.exact.tile} forces one), for logs and benches.
     */
    public static String kernelInUse() {
        return ScoreKernel.best().describe();
    }

    ExactIndex(IndexSpec spec, int threads, ScoreKernel kernel) {
        if (threads < 1) {
            throw new IllegalArgumentException("exact index: threads must be >= 1, got " + threads);
        }
        this.spec = spec;
        this.threads = threads;
        this.kernel = kernel;
    }

    @Override
    public IndexSpec spec() {
        return spec;
    }

    @Override
    public synchronized void add(float[] vectors, int count) {
        if (panels != null) {
            throw new IllegalArgumentException("exact index: cannot add vectors after build");
        }
        float[] rows = checkedRows(vectors, count, "vector", pendingCount);
        if (pendingCount + count > Integer.MAX_VALUE / spec.dim()) {
            throw new IllegalArgumentException("exact index: more than " + (Integer.MAX_VALUE / spec.dim())
                    + " vectors of " + spec.dim() + "-d do not fit one index");
        }
        pending.add(rows);
        pendingCount += count;
    }

    /** Appends vectors exactly as stored by {@link #save} (already normalised for angular). */
    private void addStored(float[] rows) {
        pending.add(rows);
        pendingCount += rows.length / spec.dim();
    }

    @Override
    public synchronized BuildReport build() {
        if (panels != null) {
            throw new IllegalStateException("exact index: already built");
        }
        long start = System.nanoTime();
        panels = Panels.of(pending, (int) pendingCount, spec.dim(), kernel.lanes(), kernel.group(),
                spec.metric() == Metric.EUCLIDEAN);
        pending.clear();
        long bytes = 4L * (panels.data.length + panels.bias.length);
        return new BuildReport(pendingCount, Duration.ofNanos(System.nanoTime() - start), OptionalDouble.empty(),
                OptionalDouble.empty(), 0, bytes);
    }

    @Override
    public Neighbors search(float[] queries, int count, int k) {
        Panels built = panels;
        if (built == null) {
            throw new IllegalStateException("exact index: search before build");
        }
        if (k < 1) {
            throw new IllegalArgumentException("exact index: k must be >= 1, got " + k);
        }
        float[] rows = checkedRows(queries, count, "query", 0);
        int[] ids = new int[count * k];
        float[] distances = new float[count * k];
        List<Callable<Void>> blocks = new ArrayList<>();
        int perWorker = (count + threads - 1) / threads;
        // whole tiles of queries: only the last block pads
        int blockSize = (Math.min(QUERY_BLOCK, perWorker) + kernel.rows() - 1) / kernel.rows() * kernel.rows();
        for (int first = 0; first < count; first += blockSize) {
            int from = first;
            int to = Math.min(count, first + blockSize);
            blocks.add(() -> {
                searchBlock(built, rows, from, to, k, ids, distances);
                return null;
            });
        }
        runAll(blocks);
        return new Neighbors(count, k, ids, distances);
    }

    private void searchBlock(Panels built, float[] rows, int from, int to, int k, int[] ids, float[] distances) {
        int dim = spec.dim();
        int n = to - from;
        int padded = (n + kernel.rows() - 1) / kernel.rows() * kernel.rows();
        // rows past n are padding (zeros or the next block's queries) whose results are dropped
        float[] block = Arrays.copyOfRange(rows, from * dim, from * dim + padded * dim);
        int capacity = Math.min(k + EXTRA_CANDIDATES, Math.max(built.count, 1));
        TopCandidates[] tops = new TopCandidates[padded];
        for (int r = 0; r < padded; r++) {
            tops[r] = new TopCandidates(r < n ? capacity : 1);
        }
        float[] scratch = new float[kernel.tileSize()];
        scan(built, block, padded, tops, scratch);
        for (int r = 0; r < n; r++) {
            TopCandidates top = tops[r];
            int heap = capacity;
            while (!windowCovered(built, top, block, r, k)) {
                heap = Math.min(heap * 4, built.count);
                top = rescanOne(built, block, r, heap, scratch);
            }
            rank(built, top, block, r, k, ids, distances, (from + r) * k);
        }
    }

    private void scan(Panels built, float[] block, int rows, TopCandidates[] tops, float[] scratch) {
        float[] queries = kernel.queryLayout(block, rows, built.dim);
        // whole groups: a tile reads built.group panels from its first
        int chunkPanels = Math.max(1, CHUNK_BYTES / (Float.BYTES * built.dim * built.width)) * built.group;
        int panelCount = built.panelCount();
        // the heaps' thresholds side by side, as the kernel's hit test reads them
        float[] thresholds = new float[rows];
        for (int r = 0; r < rows; r++) {
            thresholds[r] = tops[r].threshold();
        }
        for (int chunk = 0; chunk < panelCount; chunk += chunkPanels) {
            int end = Math.min(panelCount, chunk + chunkPanels);
            for (int row = 0; row < rows; row += kernel.rows()) {
                for (int p = chunk; p < end; p += built.group) {
                    int hits = kernel.tile(built, p, queries, row, thresholds, scratch);
                    if (hits != 0) {
                        offerHits(hits, tops, thresholds, row, scratch, p * built.lanes, built.width);
                    }
                }
            }
        }
    }

    /** Offers the tile scores of the queries flagged by {@link ScoreKernel#tile} to their heaps. */
    private void offerHits(int hits, TopCandidates[] tops, float[] thresholds, int row, float[] scores, int firstId,
                           int width) {
        for (int r = 0; r < kernel.rows(); r++) {
            if ((hits & (1 << r)) == 0) {
                continue;
            }
            TopCandidates top = tops[row + r];
            for (int i = 0, at = r * width; i < width; i++, at++) {
                if (scores[at] > top.threshold()) {
                    top.offer(scores[at], firstId + i);
                }
            }
            thresholds[row + r] = top.threshold();
        }
    }

    private TopCandidates rescanOne(Panels built, float[] block, int r, int capacity, float[] scratch) {
        int dim = spec.dim();
        float[] one = new float[kernel.rows() * dim];
        System.arraycopy(block, r * dim, one, 0, dim);
        TopCandidates[] tops = new TopCandidates[kernel.rows()];
        tops[0] = new TopCandidates(capacity);
        for (int i = 1; i < tops.length; i++) {
            tops[i] = new TopCandidates(1);
        }
        scan(built, one, kernel.rows(), tops, scratch);
        return tops[0];
    }

    /** Rounding bound of one float32 score of query {@code r} (see the class comment). */
    private double bound(Panels built, float[] block, int r) {
        double qNorm = Math.sqrt(squaredNorm(block, r * spec.dim(), spec.dim()));
        return 2.0 * (spec.dim() + 4) * UNIT_ROUNDOFF * (built.maxAbsBias + qNorm * built.maxNorm);
    }

    /** True when every vector within the re-scoring window is in the heap. */
    private boolean windowCovered(Panels built, TopCandidates top, float[] block, int r, int k) {
        if (!top.isFull() || top.size() >= built.count) {
            return true;
        }
        return top.threshold() < cut(built, top, block, r, k);
    }

    /** Lowest float32 score that can still belong to the exact top k (in double: no rounding up). */
    private double cut(Panels built, TopCandidates top, float[] block, int r, int k) {
        float kth = top.kthLargest(Math.min(k, top.size()));
        return kth - 2 * bound(built, block, r);
    }

    /** Re-scores the window's candidates in double precision and writes the best k of query r. */
    private void rank(Panels built, TopCandidates top, float[] block, int r, int k, int[] ids, float[] distances,
                      int out) {
        double cut = cut(built, top, block, r, k);
        int dim = spec.dim();
        int m = 0;
        double[] exact = new double[top.size()];
        int[] cand = new int[top.size()];
        for (int s = 0; s < top.size(); s++) {
            if (top.score(s) >= cut) {
                cand[m] = top.id(s);
                exact[m] = exactScore(built, block, r * dim, cand[m]);
                m++;
            }
        }
        Integer[] idx = new Integer[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(exact[b], exact[a]);
            return c != 0 ? c : Integer.compare(cand[a], cand[b]);
        });
        for (int rank = 0; rank < k; rank++) {
            if (rank < m) {
                ids[out + rank] = cand[idx[rank]];
                distances[out + rank] = distance(exact[idx[rank]]);
            } else {
                ids[out + rank] = -1;
                distances[out + rank] = Float.NaN;
            }
        }
    }

    /** The double-precision score that defines the exact ranking (larger is better). */
    private double exactScore(Panels built, float[] queries, int q, int id) {
        double s = 0;
        if (spec.metric() == Metric.EUCLIDEAN) {
            for (int j = 0; j < spec.dim(); j++) {
                double diff = (double) queries[q + j] - built.get(id, j);
                s += diff * diff;
            }
            return -s;
        }
        for (int j = 0; j < spec.dim(); j++) {
            s += (double) queries[q + j] * built.get(id, j);
        }
        return s;
    }

    private float distance(double score) {
        return switch (spec.metric()) {
            case DOT -> (float) score;
            case ANGULAR -> (float) Math.sqrt(Math.max(0, 2 - 2 * score));
            case EUCLIDEAN -> (float) Math.sqrt(-score);
        };
    }

    /** Checks shape and values, and normalises a copy for angular. */
    private float[] checkedRows(float[] values, int count, String what, long firstId) {
        int dim = spec.dim();
        if (count < 0 || values.length != (long) count * dim) {
            throw new IllegalArgumentException("exact index (" + spec.describe() + "): " + count + " " + what
                    + "s need " + ((long) count * dim) + " floats, got " + values.length);
        }
        float[] rows = Arrays.copyOf(values, count * dim);
        for (int i = 0; i < count; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                if (!Float.isFinite(rows[o + j])) {
                    throw new IllegalArgumentException("exact index: " + what + " " + (firstId + i) + " has "
                            + rows[o + j] + " at dimension " + j);
                }
            }
            double sq = squaredNorm(rows, o, dim);
            if (sq > MAX_SQUARED_NORM) {
                throw new IllegalArgumentException("exact index: " + what + " " + (firstId + i)
                        + " has norm " + Math.sqrt(sq) + ", too large for float32 scoring");
            }
            if (spec.metric().normalizes()) {
                if (sq == 0) {
                    throw new IllegalArgumentException("exact index: " + what + " " + (firstId + i)
                            + " is all zeros; the angular metric needs a direction");
                }
                double norm = Math.sqrt(sq);
                for (int j = 0; j < dim; j++) {
                    rows[o + j] = (float) (rows[o + j] / norm);
                }
            }
        }
        return rows;
    }

    private static double squaredNorm(float[] v, int offset, int dim) {
        double s = 0;
        for (int j = 0; j < dim; j++) {
            s += (double) v[offset + j] * v[offset + j];
        }
        return s;
    }

    private void runAll(List<Callable<Void>> tasks) {
        if (tasks.size() == 1 || threads == 1) {
            try {
                for (Callable<Void> task : tasks) {
                    task.call();
                }
            } catch (Exception e) {
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            }
            return;
        }
        List<Future<Void>> futures = new ArrayList<>();
        ExecutorService executor = pool();
        for (Callable<Void> task : tasks) {
            futures.add(executor.submit(task));
        }
        try {
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("exact index: search interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private synchronized ExecutorService pool() {
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread t = new Thread(runnable, "exact-index-search");
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }

    @Override
    public long size() {
        Panels built = panels;
        return built != null ? built.count : pendingCount;
    }

    /** Writes {@value #SPEC_FILE} (the spec) and {@value #VECTORS_FILE} (the stored vectors) into {@code dir}. */
    @Override
    public void save(Path dir) throws IOException {
        Panels built = panels;
        if (built == null) {
            throw new IllegalStateException("exact index: save before build");
        }
        float[] rows = new float[built.count * spec.dim()];
        for (int i = 0; i < built.count; i++) {
            built.copyRow(i, rows, i * spec.dim());
        }
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("format", FORMAT).put("modelId", spec.modelId()).put("modelVersion", spec.modelVersion())
                .put("dim", spec.dim()).put("metric", spec.metric().id()).put("count", built.count);
        AtomicFiles.writePath(dir, tmp -> {
            Files.createDirectories(tmp);
            new NpyMatrix(built.count, spec.dim(), rows).write(tmp.resolve(VECTORS_FILE));
            AtomicFiles.writeString(tmp.resolve(SPEC_FILE), json.toPrettyString());
        });
    }

    /**
     * Reads an index written by {@link #save} and builds it.
     *
     * @throws IOException naming the file that is missing, malformed or inconsistent
     */
    public static ExactIndex load(Path dir, int threads) throws IOException {
        Path specFile = dir.resolve(SPEC_FILE);
        Path vectorsFile = dir.resolve(VECTORS_FILE);
        if (!Files.isRegularFile(specFile) || !Files.isRegularFile(vectorsFile)) {
            throw new IOException(dir + ": not an exact index (needs " + SPEC_FILE + " and " + VECTORS_FILE + ")");
        }
        JsonNode json = new ObjectMapper().readTree(specFile.toFile());
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IOException(specFile + ": format is '" + json.path("format").asText() + "', expected " + FORMAT);
        }
        IndexSpec spec;
        try {
            spec = new IndexSpec(json.path("modelId").asText(null), json.path("modelVersion").asText(null),
                    json.path("dim").asInt(0), Metric.parse(json.path("metric").asText("")));
        } catch (IllegalArgumentException e) {
            throw new IOException(specFile + ": " + e.getMessage(), e);
        }
        NpyMatrix vectors = NpyMatrix.read(vectorsFile);
        if (vectors.cols() != spec.dim() || vectors.rows() != json.path("count").asInt(-1)) {
            throw new IOException(vectorsFile + ": holds " + vectors.rows() + "x" + vectors.cols() + " but "
                    + specFile.getFileName() + " says " + json.path("count").asInt(-1) + "x" + spec.dim());
        }
        ExactIndex index = new ExactIndex(spec, threads);
        index.addStored(vectors.data());
        index.build();
        return index;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
        panels = null;
        pending.clear();
    }
}
