package io.mdfe.eval;

import io.mdfe.service.common.IndexParamLimitsConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.Map;

/**
 * The eval-service's own settings, under {@code mdfe.eval}.
 *
 * <pre>
 * mdfe.eval.allowed-root=/data
 * mdfe.eval.uned-root=/data/uned
 * mdfe.eval.state-dir=/var/lib/mdfe/eval-service
 * mdfe.eval.model-dir=/models
 * </pre>
 */
@ConfigMapping(prefix = "mdfe.eval")
public interface EvalServiceConfig {

    /**
     * The only directory tree evaluation data may be read from. Requests resolve symbolic links and
     * {@code ..} before the check, so a data root cannot escape it.
     *
     * @return the allowed data root
     */
    Path allowedRoot();

    /**
     * The UnED data root used for checkpoint evaluations and for requests that name none; must lie under
     * {@link #allowedRoot()}.
     *
     * @return the default UnED root
     */
    Path unedRoot();

    /**
     * Where jobs are kept: {@code jobs/<id>/job.json} plus that job's {@code results.csv} and
     * {@code results.png}.
     *
     * @return the state directory, created when missing
     */
    Path stateDir();

    /**
     * Where exported backbones live, for bundles that reference theirs instead of carrying a copy.
     *
     * @return the model directory
     */
    Path modelDir();

    /**
     * How many evaluations run at once; the others wait in the queue. Each one holds a model and every
     * embedding of its evaluation set in memory.
     *
     * @return worker threads
     */
    @WithDefault("1")
    int workers();

    /**
     * How many jobs may wait; Evaluate answers RESOURCE_EXHAUSTED beyond that.
     *
     * @return the queue capacity
     */
    @WithDefault("100")
    int maxQueued();

    /**
     * Images per forward pass.
     *
     * @return the batch size
     */
    @WithDefault("64")
    int batchSize();

    /**
     * Image decoding threads per running evaluation.
     *
     * @return decoding threads
     */
    @WithDefault("2")
    int decodeThreads();

    /**
     * Caps on the {@code index_params} an Evaluate request sets (Annoy {@code n_trees}, {@code threads},
     * {@code search_k}, {@code recall_sample}), under {@code mdfe.eval.index-limits}: API jobs build their
     * indexes in this process, so the same caps as the index-service's apply here. Over-limit requests get
     * INVALID_ARGUMENT naming the parameter and the key.
     *
     * @return the caps
     */
    IndexParamLimitsConfig indexLimits();

    /**
     * The final evaluation of every finished run (its last checkpoint on test), under {@code mdfe.eval.final}.
     *
     * @return its settings
     */
    @WithName("final")
    FinalEvaluation finalEvaluation();

    /**
     * How a finished run's last checkpoint is scored: the index-service backend and parameters (upstream's
     * {@code mdfe evaluate --index/--n_trees/--metric}), and the deadline of each index-service call.
     *
     * <pre>
     * mdfe.eval.final.index-backend=annoy
     * mdfe.eval.final.index-params.n_trees=300
     * mdfe.eval.final.metric=euclidean
     * </pre>
     */
    interface FinalEvaluation {

        /**
         * The index-service backend: exact (upstream's reference search), annoy or milvus. Approximate backends
         * report their recall@1 against exact search with the results.
         *
         * @return the backend name
         */
        @WithDefault("exact")
        String indexBackend();

        /**
         * Backend parameters, e.g. {@code n_trees} for annoy or {@code index_type} for milvus.
         *
         * @return parameter name to value
         */
        Map<String, String> indexParams();

        /**
         * The search distance: euclidean, angular or dot.
         *
         * @return the metric id
         */
        @WithDefault("euclidean")
        String metric();

        /**
         * The deadline of each index-service call (create, one batch of vectors, build, one batch of queries).
         *
         * @return seconds
         */
        @WithDefault("600")
        int indexCallTimeoutSeconds();
    }
}
