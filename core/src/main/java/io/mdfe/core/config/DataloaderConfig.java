package io.mdfe.core.config;

/**
 * Section {@code DATALOADER}.
 *
 * @param batchSize  DATALOADER.batch_size (images)
 * @param numWorkers DATALOADER.num_workers (loading threads)
 */
public record DataloaderConfig(int batchSize, int numWorkers) {
}
