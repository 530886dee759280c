package io.mdfe.core.index.annoy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mdfe.core.concurrent.Cancellation;
import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.exact.ExactIndex;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annoy (Spotify's random-projection forest, the index upstream MDFE2 evaluates with) in pure Java,
 * reading and writing Annoy's own file format: a file saved here loads in Python's
 * {@code AnnoyIndex(dim, metric).load(...)}, and a file built by annoylib loads here
 * ({@link #open}), memory-mapped. Trees are built as annoylib.h builds them (see
 * {@link AnnoyParams.Seeding} for determinism) and queries run annoylib's search, so both sides
 * return the same neighbours from the same file.
 *
 * <p>Angular vectors are stored as given, as annoylib stores them: its distance divides by the norms
 * itself, so results are those of normalised vectors and files stay identical to annoylib's.
 *
 * <p>{@link #save} writes a directory: {@value #ANN_FILE} (the Annoy file) and {@value #MANIFEST}
 * (backend, spec and parameters), which {@link #load} reads back.
 */
public final class AnnoyIndex implements VectorIndex {

    /** The Annoy file inside a saved index directory. */
    public static final String ANN_FILE = "annoy.ann";
    /** The manifest inside a saved index directory. */
    public static final String MANIFEST = "index.json";
    /** The backend name in the manifest and the index registry. */
    public static final String BACKEND = "annoy";

    private static final Logger LOG = LoggerFactory.getLogger(AnnoyIndex.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IndexSpec spec;
    private final AnnoyParams params;
    private final AnnoyDistance distance;
    private final int nodesPerSegment;
    private ItemVectors pending;
    private volatile AnnoyForest forest;
    private boolean closed;

    private AnnoyIndex(IndexSpec spec, AnnoyParams params, int nodesPerSegment) {
        this.spec = spec;
        this.params = params;
        this.distance = AnnoyDistance.of(spec.metric(), spec.dim(), params.sumOrder());
        this.nodesPerSegment = nodesPerSegment;
        this.pending = new ItemVectors(spec.dim());
    }

    /** An empty index to {@link #add} vectors to and {@link #build}. */
    public static AnnoyIndex create(IndexSpec spec, AnnoyParams params) {
        return new AnnoyIndex(spec, params, maxNodesPerSegment(spec, params));
    }

    private static int maxNodesPerSegment(IndexSpec spec, AnnoyParams params) {
        return NodeStore.maxNodesPerSegment(AnnoyDistance.of(spec.metric(), spec.dim(), params.sumOrder()).nodeBytes);
    }

    /** Same, with the node array split into segments of {@code nodesPerSegment} nodes, a power of two (tests). */
    static AnnoyIndex create(IndexSpec spec, AnnoyParams params, int nodesPerSegment) {
        return new AnnoyIndex(spec, params, nodesPerSegment);
    }

    /**
     * Maps an Annoy file built by annoylib (Python's annoy, the C++ library) or saved here, read-only.
     * As with annoylib, the file does not record its metric or dimension: {@code spec} supplies them.
     *
     * @throws IOException when the file is not a whole number of nodes of that metric and dimension
     */
    public static AnnoyIndex open(Path annFile, IndexSpec spec, AnnoyParams params) throws IOException {
        return open(annFile, spec, params, maxNodesPerSegment(spec, params));
    }

    static AnnoyIndex open(Path annFile, IndexSpec spec, AnnoyParams params, int nodesPerSegment) throws IOException {
        AnnoyIndex index = new AnnoyIndex(spec, params, nodesPerSegment);
        index.pending = null;
        index.forest = new AnnoyForest(index.distance,
                NodeStore.map(annFile, index.distance.nodeBytes, nodesPerSegment, index.distance.describe()));
        LOG.info("annoy: mapped {} ({} items, {} trees, {} bytes)", annFile, index.forest.items,
                index.forest.trees(), index.forest.store.bytes());
        return index;
    }

    /**
     * Loads a directory written by {@link #save}.
     *
     * @throws IOException when the manifest is missing, not an Annoy manifest, or disagrees with the file
     */
    public static AnnoyIndex load(Path dir) throws IOException {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException(dir + ": no " + MANIFEST + "; not a saved index directory");
        }
        JsonNode manifest = JSON.readTree(manifestFile.toFile());
        if (!BACKEND.equals(manifest.path("backend").asText())) {
            throw new IOException(manifestFile + ": backend is '" + manifest.path("backend").asText() + "', not annoy");
        }
        IndexSpec spec = new IndexSpec(manifest.path("modelId").asText(), manifest.path("modelVersion").asText(),
                manifest.path("dim").asInt(), Metric.parse(manifest.path("metric").asText()));
        Map<String, String> params = new LinkedHashMap<>();
        manifest.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        AnnoyIndex index = open(dir.resolve(ANN_FILE), spec, AnnoyParams.parse(params));
        long items = manifest.path("items").asLong();
        if (index.size() != items) {
            throw new IOException(dir + ": " + ANN_FILE + " holds " + index.size() + " items, manifest says " + items);
        }
        return index;
    }

    @Override
    public IndexSpec spec() {
        return spec;
    }

    /** The parameters this index builds and searches with. */
    public AnnoyParams params() {
        return params;
    }

    /** Trees in the built or loaded forest. */
    public int trees() {
        return built().trees();
    }

    @Override
    public synchronized void add(float[] vectors, int count) {
        if (pending == null) {
            throw new IllegalArgumentException("annoy: cannot add to a built or loaded index (" + spec.describe() + ")");
        }
        checkRows(vectors, count, "vectors");
        for (int i = 0; i < count; i++) {
            pending.add(vectors, i);
        }
    }

    @Override
    public BuildReport build() {
        return build(Cancellation.NONE);
    }

    /** Checks {@code cancellation} before each tree; a cancelled build leaves the added vectors unbuilt. */
    @Override
    public synchronized BuildReport build(Cancellation cancellation) {
        if (pending == null) {
            throw new IllegalStateException("annoy: index is already built or loaded");
        }
        if (pending.count() == 0) {
            throw new IllegalStateException("annoy: no vectors added; nothing to build");
        }
        long start = System.nanoTime();
        ItemVectors items = pending;
        float[] extras = new float[items.count()];
        for (int i = 0; i < extras.length; i++) {
            extras[i] = distance.itemExtra(items, i);
        }
        distance.preprocess(items, extras);
        TreeBuilder[] trees = buildTrees(items, extras, cancellation);
        cancellation.check("annoy build");
        forest = new AnnoyForest(distance, assemble(items, extras, trees));
        pending = null;
        Duration buildTime = Duration.ofNanos(System.nanoTime() - start);
        RecallSample recall = measureRecall(items);
        String recallText = recall.queries() == 0 ? "recall not measured (recall_sample=0)"
                : "recall@1 " + recall.recallAt1() + " recall@5 " + recall.recallAt5() + " on " + recall.queries()
                        + " indexed vectors";
        LOG.info("annoy: built {} trees over {} vectors ({}, sum_order={}) in {} s, {} bytes; {}", params.nTrees(),
                items.count(), spec.describe(), params.sumOrder().id(), buildTime.toMillis() / 1000.0,
                forest.store.bytes(), recallText);
        return new BuildReport(items.count(), buildTime,
                recall.queries() == 0 ? OptionalDouble.empty() : OptionalDouble.of(recall.recallAt1()),
                recall.queries() == 0 ? OptionalDouble.empty() : OptionalDouble.of(recall.recallAt5()),
                recall.queries(), forest.store.bytes());
    }

    private TreeBuilder[] buildTrees(ItemVectors items, float[] extras, Cancellation cancellation) {
        TreeBuilder[] trees = new TreeBuilder[params.nTrees()];
        // sequential seeding draws every tree from one generator, so its trees are built one after another
        boolean sequential = params.seeding() == AnnoyParams.Seeding.SEQUENTIAL;
        Kiss64Random shared = sequential ? new Kiss64Random(params.baseSeed()) : null;
        Workers.run(sequential ? 1 : params.threads(), trees.length, () -> {
            BuildWorkspace work = new BuildWorkspace(items);
            return t -> {
                cancellation.check("annoy build");
                Kiss64Random random = sequential ? shared : new Kiss64Random(params.treeSeed(t));
                trees[t] = new TreeBuilder(distance, work, extras, random);
                trees[t].build();
            };
        });
        return trees;
    }

    /** annoylib's array: items, each tree's nodes in order, then a copy of every root. */
    private NodeStore assemble(ItemVectors items, float[] extras, TreeBuilder[] trees) {
        long total = items.count() + (long) trees.length;
        for (TreeBuilder tree : trees) {
            total += tree.count();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalStateException("annoy: " + total + " nodes exceed Annoy's int32 node ids; use fewer trees");
        }
        NodeStore store = NodeStore.allocate((int) total, distance.nodeBytes, nodesPerSegment);
        for (int i = 0; i < items.count(); i++) {
            distance.writeItem(store, items, i, extras[i]);
        }
        int next = items.count();
        int[] roots = new int[trees.length];
        for (int t = 0; t < trees.length; t++) {
            trees[t].relocate(store, next);
            next += trees[t].count();
            roots[t] = next - 1; // the root is written last (post-order)
            trees[t].release();
        }
        for (int t = 0; t < roots.length; t++) {
            store.copyNode(roots[t], next + t);
        }
        return store;
    }

    private RecallSample measureRecall(ItemVectors items) {
        int[] ids = RecallSample.spreadIds(items.count(), params.recallSample());
        int dim = spec.dim();
        float[] queries = new float[ids.length * dim];
        for (int i = 0; i < ids.length; i++) {
            items.copyRow(ids[i], queries, i * dim);
        }
        if (ids.length == 0) {
            return new RecallSample(0, 0, 0);
        }
        float[] flat = new float[items.count() * dim];
        for (int i = 0; i < items.count(); i++) {
            items.copyRow(i, flat, i * dim);
        }
        try (ExactIndex exact = new ExactIndex(spec, params.threads())) {
            exact.add(flat, items.count());
            exact.build();
            return RecallSample.measure(this::search, exact::search, queries, ids.length);
        }
    }

    @Override
    public Neighbors search(float[] queries, int count, int k) {
        AnnoyForest f = built();
        checkRows(queries, count, "queries");
        if (k < 1) {
            throw new IllegalArgumentException("annoy: k must be >= 1, got " + k);
        }
        int dim = spec.dim();
        int[] ids = new int[count * k];
        float[] dists = new float[count * k];
        Arrays.fill(ids, -1);
        Arrays.fill(dists, Float.NaN);
        int threads = count < 16 ? 1 : params.threads();
        Workers.run(threads, count, () -> {
            AnnoySearch search = f.newSearch();
            float[] q = new float[dim];
            return row -> {
                System.arraycopy(queries, row * dim, q, 0, dim);
                search.search(q, k, params.searchK(), ids, dists, row);
            };
        });
        return new Neighbors(count, k, ids, dists);
    }

    @Override
    public long size() {
        AnnoyForest f = forest;
        return f != null ? f.items : pending == null ? 0 : pending.count();
    }

    @Override
    public void save(Path dir) throws IOException {
        AnnoyForest f = built();
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("backend", BACKEND);
        manifest.put("modelId", spec.modelId());
        manifest.put("modelVersion", spec.modelVersion());
        manifest.put("dim", spec.dim());
        manifest.put("metric", spec.metric().id());
        manifest.put("items", f.items);
        manifest.put("trees", f.trees());
        ObjectNode p = manifest.putObject("params");
        params.toMap().forEach(p::put);
        AtomicFiles.writePath(dir, tmp -> {
            Files.createDirectories(tmp);
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp.resolve(ANN_FILE)), 1 << 20)) {
                f.store.writeTo(out);
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve(MANIFEST).toFile(), manifest);
        });
    }

    /** Writes only the Annoy file (what annoylib's {@code save} writes), atomically. */
    public void saveAnnFile(Path file) throws IOException {
        AnnoyForest f = built();
        AtomicFiles.write(file, f.store::writeTo);
    }

    @Override
    public synchronized void close() {
        // mapped segments are unmapped when collected; Java 17 has no safe explicit unmap
        closed = true;
        forest = null;
        pending = null;
    }

    private AnnoyForest built() {
        AnnoyForest f = forest;
        if (f == null) {
            throw new IllegalStateException(closed ? "annoy: index is closed" : "annoy: build() the index first");
        }
        return f;
    }

    private void checkRows(float[] values, int count, String what) {
        int dim = spec.dim();
        if (count < 0 || values.length != (long) count * dim) {
            throw new IllegalArgumentException("annoy: " + count + " " + what + " of " + dim + " floats need "
                    + ((long) count * dim) + " values, got " + values.length + " (" + spec.describe() + ")");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("annoy: " + what + " row " + (i / dim) + " has a non-finite value "
                        + values[i] + " at column " + (i % dim));
            }
        }
    }
}
