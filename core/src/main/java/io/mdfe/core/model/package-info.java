/**
 * The MDFE2 model: backbone -> neck gives the embedding ({@link io.mdfe.core.model.EmbeddingNetwork},
 * the inference model); during training a margin head turns embeddings into logits for a plain
 * softmax cross-entropy ({@link io.mdfe.core.model.TrainingNetwork}).
 *
 * <p>Sub-packages hold the seams: {@code backbone}, {@code neck}, {@code head}; {@code bundle}
 * stores the inference model on disk.
 */
package io.mdfe.core.model;
