package io.mdfe.eval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

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
}
