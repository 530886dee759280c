package io.mdfe.core.eval;

import io.mdfe.core.data.uned.RetrievalTask;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import io.mdfe.core.io.NpyMatrix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a {@link RetrievalTask} through an index backend and scores it, per query domain, as
 * {@code uned.md} defines: a neighbour is relevant when it is in the query's domain and has one of
 * the query's labels; {@code n_q} sums the index counts of the query's labels in its domain, minus
 * 1 when the query's own entry is in the index; that entry is removed from the result list by
 * identity (the search asks for one neighbour more). The merged protocol is one task over all
 * domains; the separate protocol is one task per domain, joined with {@link EvaluationTable#combine}.
 */
public final class RetrievalEvaluator {

    private final IndexFactory factory;
    private final Map<String, String> params;
    private final List<RetrievalMetric> metrics;
    private final int depth;

    /**
     * @param factory the index backend
     * @param params its parameters
     * @param metrics the metrics, in column order
     */
    public RetrievalEvaluator(IndexFactory factory, Map<String, String> params, List<RetrievalMetric> metrics) {
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("evaluation needs at least one metric");
        }
        this.factory = factory;
        this.params = Map.copyOf(params);
        this.metrics = List.copyOf(metrics);
        this.depth = metrics.stream().mapToInt(RetrievalMetric::depth).max().orElseThrow();
    }

    /** UnED's metrics: R@1, mMP@5, mAP@5. */
    public static List<RetrievalMetric> unedMetrics() {
        return List.of(new RecallAtK(1), new ModifiedMeanPrecision(5), new MeanAveragePrecision(5));
    }

    /**
     * Indexes {@code indexEmbeddings} with a new index of {@code spec}, searches every query and
     * scores the results per query domain.
     *
     * @param queryEmbeddings one row per {@code task.queries()} item, same order
     * @param indexEmbeddings one row per {@code task.index()} item, same order
     * @throws IllegalArgumentException naming the task when the embeddings do not match it
     */
    public EvaluationTable evaluate(RetrievalTask task, NpyMatrix queryEmbeddings, NpyMatrix indexEmbeddings,
                                    IndexSpec spec) {
        requireShape(task, "query", queryEmbeddings, task.queries().size(), spec);
        requireShape(task, "index", indexEmbeddings, task.index().size(), spec);
        try (VectorIndex index = factory.create(spec, params)) {
            long start = System.nanoTime();
            index.add(indexEmbeddings.data(), indexEmbeddings.rows());
            index.build();
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            Map<Long, Integer> labelCounts = labelCounts(task.index());
            Map<Integer, Integer> indexPerDomain = new HashMap<>();
            task.index().forEach(item -> indexPerDomain.merge(item.domainId(), 1, Integer::sum));
            List<DomainResult> rows = new ArrayList<>();
            for (Map.Entry<Integer, List<Integer>> domain : queriesByDomain(task).entrySet()) {
                rows.add(evaluateDomain(task, domain.getKey(), domain.getValue(), queryEmbeddings, index,
                        labelCounts, indexPerDomain.getOrDefault(domain.getKey(), 0)));
            }
            return new EvaluationTable(rows, buildSeconds);
        }
    }

    private DomainResult evaluateDomain(RetrievalTask task, int domainId, List<Integer> queryPositions,
                                        NpyMatrix embeddings, VectorIndex index, Map<Long, Integer> labelCounts,
                                        int indexItems) {
        int dim = embeddings.cols();
        float[] rows = new float[queryPositions.size() * dim];
        for (int i = 0; i < queryPositions.size(); i++) {
            System.arraycopy(embeddings.data(), queryPositions.get(i) * dim, rows, i * dim, dim);
        }
        int k = (int) Math.min(depth + (task.queryIsIndex() ? 1 : 0), index.size());
        long start = System.nanoTime();
        Neighbors neighbors = index.search(rows, queryPositions.size(), Math.max(k, 1));
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sums = new double[metrics.size()];
        int lone = 0;
        boolean[] relevant = new boolean[depth];
        for (int i = 0; i < queryPositions.size(); i++) {
            int q = queryPositions.get(i);
            UnedItem query = task.queries().get(q);
            int self = task.selfPosition(q);
            fillRelevance(task, query, self, neighbors, i, relevant);
            int relevantCount = relevantCount(query, self, labelCounts);
            lone += relevantCount == 0 ? 1 : 0;
            for (int m = 0; m < metrics.size(); m++) {
                sums[m] += metrics.get(m).score(relevant, relevantCount);
            }
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (int m = 0; m < metrics.size(); m++) {
            means.put(metrics.get(m).name(), sums[m] / queryPositions.size());
        }
        return new DomainResult(domainId, task.domainName(domainId), means, queryPositions.size(), indexItems, lone,
                seconds);
    }

    /** Relevance of the first {@code depth} neighbours other than the query's own entry. */
    private void fillRelevance(RetrievalTask task, UnedItem query, int self, Neighbors neighbors, int row,
                               boolean[] relevant) {
        int filled = 0;
        for (int rank = 0; rank < neighbors.k() && filled < depth; rank++) {
            int id = neighbors.id(row, rank);
            if (id == self) {
                continue;
            }
            relevant[filled++] = id >= 0 && task.index().get(id).sharesClassWith(query);
        }
        while (filled < depth) {
            relevant[filled++] = false;
        }
    }

    private static int relevantCount(UnedItem query, int self, Map<Long, Integer> labelCounts) {
        int n = 0;
        for (int label : query.classIds()) {
            n += labelCounts.getOrDefault(key(query.domainId(), label), 0);
        }
        return self >= 0 ? n - 1 : n;
    }

    /** Index items per (domain, label); a multi-label item counts once for each of its labels. */
    private static Map<Long, Integer> labelCounts(List<UnedItem> index) {
        Map<Long, Integer> counts = new HashMap<>();
        for (UnedItem item : index) {
            for (int label : item.classIds()) {
                counts.merge(key(item.domainId(), label), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static long key(int domainId, int label) {
        return ((long) domainId << 32) | (label & 0xffffffffL);
    }

    private static Map<Integer, List<Integer>> queriesByDomain(RetrievalTask task) {
        Map<Integer, List<Integer>> byDomain = new TreeMap<>();
        for (int q = 0; q < task.queries().size(); q++) {
            byDomain.computeIfAbsent(task.queries().get(q).domainId(), d -> new ArrayList<>()).add(q);
        }
        return byDomain;
    }

    private static void requireShape(RetrievalTask task, String what, NpyMatrix m, int items, IndexSpec spec) {
        if (m.rows() != items || m.cols() != spec.dim()) {
            throw new IllegalArgumentException(task.name() + ": " + what + " embeddings are " + m.rows() + "x"
                    + m.cols() + " but the task has " + items + " " + what + " items of " + spec.dim() + "-d");
        }
    }
}
