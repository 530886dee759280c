package io.mdfe.core.report;

import io.mdfe.core.eval.EvaluationTable;

/**
 * The final evaluation of a run's last checkpoint.
 *
 * @param version the evaluated model version
 * @param split the split, e.g. {@code test}
 * @param protocol merged or separate
 * @param indexBackend the index that answered the searches (exact, annoy, milvus)
 * @param recallAt1 approximate backends: recall@1 against exact search; null for exact search
 * @param table its per-domain metrics
 */
public record FinalResult(String version, String split, String protocol, String indexBackend, Double recallAt1,
                          EvaluationTable table) {
}
