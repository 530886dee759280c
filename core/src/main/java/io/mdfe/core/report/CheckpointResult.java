package io.mdfe.core.report;

import io.mdfe.core.eval.EvaluationTable;

/**
 * The val evaluation of one checkpoint.
 *
 * @param version the checkpoint's model version, e.g. {@code step-12}
 * @param step its training step
 * @param table its per-domain metrics
 */
public record CheckpointResult(String version, long step, EvaluationTable table) {
}
