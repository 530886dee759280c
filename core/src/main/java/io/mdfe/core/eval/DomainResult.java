package io.mdfe.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one domain's queries.
 *
 * @param domainId the UnED domain id
 * @param domain the domain name
 * @param metrics metric name to its mean over the domain's queries, in the evaluator's metric order
 * @param queries queries evaluated
 * @param indexItems index items of this domain (the merged protocol searches all domains' items)
 * @param loneQueries queries with no relevant index item ({@code n_q = 0}), scored 0
 * @param seconds wall time of this domain's search
 */
public record DomainResult(int domainId, String domain, Map<String, Double> metrics, int queries, int indexItems,
                           int loneQueries, double seconds) {

    /** Keeps the metric order. */
    public DomainResult {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of metric {@code name}, e.g. {@code R@1}. */
    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException(domain + ": no metric '" + name + "'; have " + metrics.keySet());
        }
        return v;
    }
}
