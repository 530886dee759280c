/**
 * UnED retrieval metrics (Recall@1, mMP@5, mAP@5; see {@code uned.md}) and the evaluator that runs
 * a {@link io.mdfe.core.data.uned.RetrievalTask} through any {@link io.mdfe.core.index.VectorIndex}
 * backend and reports them per domain and as the mean over domains.
 */
package io.mdfe.core.eval;
