/**
 * The {@code mdfe.embedder.v1.EmbedderService} gRPC API. Calls never block the event loop: Embed and
 * EmbedStream only admit work to the {@link io.mdfe.embedder.batching.DynamicBatcher} (whose workers and
 * batcher thread do all reading, decoding and DJL inference), and LoadModel waits on the loader's future.
 */
package io.mdfe.embedder.grpc;
