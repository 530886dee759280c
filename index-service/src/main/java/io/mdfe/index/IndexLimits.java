package io.mdfe.index;

import io.mdfe.core.index.IndexParamLimits;
import io.mdfe.service.common.IndexParamLimitsConfig;
import io.mdfe.service.common.grpc.ServiceException;
import java.util.Map;

/**
 * The sizes a client sets, checked against the server's caps before any work or memory is spent on them.
 * Each refusal is INVALID_ARGUMENT naming the request field, the limit and the config key that sets it.
 *
 * @param maxDim largest {@code spec.dim}
 * @param maxK largest Search {@code k}
 * @param maxQueries most queries in one Search
 * @param maxResults most result rows ({@code queries x k}) in one Search
 * @param maxVectorsPerAdd most vectors one AddVectors stream adds
 * @param params the caps on backend parameters (n_trees, threads, ...), shared with eval-service
 * @param maxUnbuilt most indexes created and not built yet
 */
record IndexLimits(int maxDim, int maxK, int maxQueries, long maxResults, long maxVectorsPerAdd,
                   IndexParamLimits params, int maxUnbuilt) {

    private static final String PREFIX = "mdfe.index.limits.";

    static IndexLimits of(IndexServiceConfig.Limits config) {
        return new IndexLimits(config.maxDim(), config.maxK(), config.maxQueries(), config.maxResults(),
                config.maxVectorsPerAdd(), IndexParamLimitsConfig.limits(config, PREFIX), config.maxUnbuilt());
    }

    /** CreateIndex: the dimension and the size parameters. */
    void checkCreate(int dim, Map<String, String> params) {
        at("spec.dim", dim, maxDim, "max-dim");
        try {
            this.params.check("params", params);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument(e.getMessage());
        }
    }

    /** Search: k, the number of queries and their product (k < 1 is the index's to refuse). */
    void checkSearch(int queries, int k) {
        at("k", k, maxK, "max-k");
        at("queries", queries, maxQueries, "max-queries");
        at("queries x k", (long) queries * k, maxResults, "max-results");
    }

    /** AddVectors: the stream's running total. */
    void checkAdded(long vectors) {
        at("vectors", vectors, maxVectorsPerAdd, "max-vectors-per-add");
    }

    private static void at(String field, long value, long limit, String configKey) {
        if (value > limit) {
            throw ServiceException.overLimit(field, value, limit, PREFIX + configKey);
        }
    }
}
