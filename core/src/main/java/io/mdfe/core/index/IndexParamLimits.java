package io.mdfe.core.index;

import java.util.List;
import java.util.Map;

/**
 * Caps on the backend parameters a client may set, checked before an index is made: a request could
 * otherwise ask for a forest of a hundred million trees or a hundred thousand build threads. One check
 * for every entry point that takes index parameters from a client (index-service CreateIndex, eval-service
 * Evaluate), so they refuse the same requests with the same message. Parameters a backend does not know
 * are left to the backend to refuse.
 *
 * @param configPrefix the config prefix of the keys that set these caps (e.g. {@code mdfe.index.limits.}),
 *     named in the message so an operator knows what to raise
 * @param maxTrees largest Annoy {@code n_trees}
 * @param maxThreads largest {@code threads}
 * @param maxSearchK largest Annoy {@code search_k} (candidates gathered per query)
 * @param maxRecallSample largest Annoy {@code recall_sample} (searches run after a build)
 */
public record IndexParamLimits(String configPrefix, int maxTrees, int maxThreads, int maxSearchK,
                               int maxRecallSample) {

    /** Default of {@link #maxTrees()}: several times upstream's 300. */
    public static final int DEFAULT_MAX_TREES = 2000;
    /** Default of {@link #maxThreads()}. */
    public static final int DEFAULT_MAX_THREADS = 64;
    /** Default of {@link #maxSearchK()}: 10 million candidates per query. */
    public static final int DEFAULT_MAX_SEARCH_K = 10_000_000;
    /** Default of {@link #maxRecallSample()}: 100 times Annoy's default sample. */
    public static final int DEFAULT_MAX_RECALL_SAMPLE = 100_000;

    /** One capped parameter: its name, its cap and the config key (after the prefix) that sets it. */
    private record Cap(String param, long limit, String configKey) {
    }

    /** Checks that every cap is positive. */
    public IndexParamLimits {
        if (maxTrees < 1 || maxThreads < 1 || maxSearchK < 1 || maxRecallSample < 0) {
            throw new IllegalArgumentException(configPrefix + "*: max-trees, max-threads and max-search-k must be"
                    + " >= 1 and max-recall-sample >= 0");
        }
    }

    /**
     * The defaults under a config prefix.
     *
     * @param configPrefix e.g. {@code mdfe.eval.index-limits.}
     * @return the limits
     */
    public static IndexParamLimits defaults(String configPrefix) {
        return new IndexParamLimits(configPrefix, DEFAULT_MAX_TREES, DEFAULT_MAX_THREADS, DEFAULT_MAX_SEARCH_K,
                DEFAULT_MAX_RECALL_SAMPLE);
    }

    /**
     * Checks the capped parameters present in {@code params}.
     *
     * @param field the request field holding the parameters, e.g. {@code params} or {@code index_params}
     * @param params the parameters as the client sent them
     * @throws IllegalArgumentException naming {@code field.param}, the value, the limit and its config key,
     *     or a capped parameter that is not an integer
     */
    public void check(String field, Map<String, String> params) {
        for (Cap cap : caps()) {
            String value = params.get(cap.param());
            if (value == null) {
                continue;
            }
            long parsed;
            try {
                parsed = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + "." + cap.param() + ": '" + value + "' is not an integer");
            }
            if (parsed > cap.limit()) {
                throw new IllegalArgumentException(field + "." + cap.param() + ": " + parsed + " exceeds the limit "
                        + cap.limit() + " (" + configPrefix + cap.configKey() + ")");
            }
        }
    }

    private List<Cap> caps() {
        return List.of(new Cap("n_trees", maxTrees, "max-trees"), new Cap("threads", maxThreads, "max-threads"),
                new Cap("search_k", maxSearchK, "max-search-k"),
                new Cap("recall_sample", maxRecallSample, "max-recall-sample"));
    }
}
