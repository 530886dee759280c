package io.mdfe.embedder.batching;

import java.time.Duration;

/**
 * How the {@link DynamicBatcher} forms batches and bounds its memory.
 *
 * @param maxBatchSize images per forward pass at most
 * @param maxWait how long a batch waits for images still being decoded before it runs anyway
 * @param queueCapacity images admitted but not finished at most; further requests are rejected
 *                      (RESOURCE_EXHAUSTED) instead of queued
 * @param workers threads that read, decode and transform images
 */
public record BatcherSettings(int maxBatchSize, Duration maxWait, int queueCapacity, int workers) {

    /** Checks the bounds. */
    public BatcherSettings {
        if (maxBatchSize < 1 || queueCapacity < 1 || workers < 1) {
            throw new IllegalArgumentException("max batch size, queue capacity and workers must be >= 1, got "
                    + maxBatchSize + ", " + queueCapacity + " and " + workers);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("max wait must not be negative, got " + maxWait);
        }
    }
}
