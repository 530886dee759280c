/**
 * Vector indexes for retrieval: one {@link io.mdfe.core.index.VectorIndex} seam with exact, Annoy
 * and Milvus backends, registered by name in {@link io.mdfe.core.index.IndexRegistry}.
 *
 * <p>Every index records the model that made its vectors, the dimension and the metric
 * ({@link io.mdfe.core.index.IndexSpec}) and refuses vectors or queries of another model or width.
 */
package io.mdfe.core.index;
