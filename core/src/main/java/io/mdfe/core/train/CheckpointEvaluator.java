package io.mdfe.core.train;

import java.util.Map;

/**
 * Scores a checkpoint's inference bundle, e.g. UnED Recall@1 and mMP@5 on the validation split.
 * The run appends the figures to {@code eval_results.csv} and plots them.
 */
@FunctionalInterface
public interface CheckpointEvaluator {

    /**
     * @param checkpoint the checkpoint whose bundle to score
     * @return metric name to value, in a stable order
     */
    Map<String, Double> evaluate(CheckpointInfo checkpoint) throws Exception;
}
