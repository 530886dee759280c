/**
 * The embedder-service: turns images into embeddings with a trained model bundle over gRPC
 * ({@code mdfe.embedder.v1.EmbedderService}), with dynamic batching ({@link io.mdfe.embedder.batching}) and
 * hot model reload on LoadModel or {@code CheckpointSaved} events ({@link io.mdfe.embedder.model},
 * {@link io.mdfe.embedder.events}). Settings: {@link io.mdfe.embedder.EmbedderConfig}.
 */
package io.mdfe.embedder;
