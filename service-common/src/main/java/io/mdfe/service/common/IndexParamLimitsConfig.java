package io.mdfe.service.common;

import io.mdfe.core.index.IndexParamLimits;
import io.smallrye.config.WithDefault;

/**
 * The config group of {@link IndexParamLimits}: the caps on the index parameters a client may set, in every
 * service that takes index parameters from a request (index-service under {@code mdfe.index.limits},
 * eval-service under {@code mdfe.eval.index-limits}).
 *
 * <pre>
 * mdfe.index.limits.max-trees=2000
 * mdfe.index.limits.max-threads=64
 * mdfe.index.limits.max-search-k=10000000
 * mdfe.index.limits.max-recall-sample=100000
 * </pre>
 */
public interface IndexParamLimitsConfig {

    /** @return the largest Annoy {@code n_trees} */
    @WithDefault("" + IndexParamLimits.DEFAULT_MAX_TREES)
    int maxTrees();

    /** @return the largest {@code threads} */
    @WithDefault("" + IndexParamLimits.DEFAULT_MAX_THREADS)
    int maxThreads();

    /** @return the largest Annoy {@code search_k} */
    @WithDefault("" + IndexParamLimits.DEFAULT_MAX_SEARCH_K)
    int maxSearchK();

    /** @return the largest Annoy {@code recall_sample} */
    @WithDefault("" + IndexParamLimits.DEFAULT_MAX_RECALL_SAMPLE)
    int maxRecallSample();

    /**
     * The limits these settings give.
     *
     * @param config the settings
     * @param configPrefix where they live, with the trailing dot, e.g. {@code mdfe.index.limits.}
     * @return the limits, naming {@code configPrefix} keys in their messages
     */
    static IndexParamLimits limits(IndexParamLimitsConfig config, String configPrefix) {
        return new IndexParamLimits(configPrefix, config.maxTrees(), config.maxThreads(), config.maxSearchK(),
                config.maxRecallSample());
    }
}
