/**
 * Dynamic batching in plain Java, testable without Quarkus or DJL: concurrent embedding requests are
 * admitted into a bounded queue, their images decoded and transformed on a bounded worker pool, and
 * coalesced into model batches of up to a maximum size, waiting at most a maximum time for stragglers.
 *
 * <p>Each request is pinned at admission to the model being served then ({@link io.mdfe.embedder.batching.ModelSlot}),
 * so a model swap never mixes models within a request, and a replaced model is closed only after the
 * last batch that uses it has finished.
 */
package io.mdfe.embedder.batching;
