package io.mdfe.eval.job;

import io.mdfe.core.eval.EvaluationTable;

/**
 * What a successful run produced.
 *
 * @param table per-domain metrics and their mean
 * @param embedSeconds wall time spent embedding images
 * @param searchSeconds wall time spent building indexes and searching, after embedding
 * @param recallAt1 approximate index backends: recall@1 against exact search, as the index builds measured it;
 *                  null for exact search
 */
public record EvaluationResult(EvaluationTable table, double embedSeconds, double searchSeconds, Double recallAt1) {
}
