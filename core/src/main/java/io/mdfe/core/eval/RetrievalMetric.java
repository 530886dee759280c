package io.mdfe.core.eval;

/**
 * A per-query retrieval metric; the evaluator averages it over a domain's queries.
 *
 * <p>Input: the relevance of the first {@link #depth()} neighbours (the query's own entry already
 * removed) and {@code n_q}, the number of relevant index items. A query with {@code n_q = 0} (a
 * lone query: nothing to find) scores 0 in every metric and still counts in the mean. Upstream
 * divides by {@code min(5, n_q)} there and would fail (UnED's own splits have no lone queries); 0
 * keeps the denominator "all queries", as upstream's mean is.
 */
public interface RetrievalMetric {

    /** Column name, e.g. {@code R@1}. */
    String name();

    /** Neighbours the metric looks at. */
    int depth();

    /**
     * The metric of one query.
     *
     * @param relevant at least {@link #depth()} flags, best neighbour first
     * @param relevantCount {@code n_q}
     */
    double score(boolean[] relevant, int relevantCount);
}
