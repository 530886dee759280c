package io.mdfe.core.data.pipeline;

import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.transform.ImageTransform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and transforms images on a fixed pool of {@code DATALOADER.num_workers} threads and hands
 * them out as batches, in order and reproducibly for a seed whatever the thread timing: the epoch's
 * order is a seeded permutation and each item's transform draws from a generator derived from
 * (seed, epoch, item index) ({@link ItemSeeds}).
 *
 * <p>Back-pressure: an epoch never has more than {@code prefetch} batches loading or loaded ahead of
 * the consumer. Images that cannot be decoded are skipped and listed, unless {@code strict}, where
 * the first one fails the epoch naming the file. {@link #close()} stops the workers.
 *
 * <p>Built with {@link #builder()}: {@code setX} for required values, {@code optX} for optional ones.
 */
public final class ImagePipeline implements AutoCloseable {

    private final List<Path> files;
    private final ImageTransform transform;
    private final int batchSize;
    private final int prefetch;
    private final long seed;
    private final boolean shuffle;
    private final boolean strict;
    private final long maxPixels;
    private final ExecutorService workers;

    private ImagePipeline(Builder b) {
        this.files = List.copyOf(b.files);
        this.transform = b.transform;
        this.batchSize = b.batchSize;
        this.prefetch = b.prefetch;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.strict = b.strict;
        this.maxPixels = b.maxPixels;
        this.workers = Executors.newFixedThreadPool(b.numWorkers, new WorkerThreads());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Batches per epoch, ceil(items / batch size) (skipped images can only shorten batches). */
    public int batchesPerEpoch() {
        return (files.size() + batchSize - 1) / batchSize;
    }

    /** The items, in the order their indices refer to. */
    public List<Path> files() {
        return files;
    }

    /**
     * Starts loading {@code epoch}. Close the returned batches when stopping early, so queued work
     * is cancelled.
     */
    public EpochBatches epoch(int epoch) {
        if (workers.isShutdown()) {
            throw new IllegalStateException("pipeline is closed");
        }
        int[] order = EpochOrder.of(files.size(), shuffle, seed, epoch);
        return new EpochBatches(new ItemLoader(files, transform, seed, epoch, strict, maxPixels), workers, order,
                batchSize, prefetch, epoch);
    }

    /** Stops the workers, interrupting running items, and waits briefly for them to finish. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once every worker thread has ended after {@link #close()}. */
    public boolean isTerminated() {
        return workers.isTerminated();
    }

    /** Builder of {@link ImagePipeline}. */
    public static final class Builder {
        private List<Path> files;
        private ImageTransform transform;
        private int batchSize;
        private int numWorkers = 1;
        private int prefetch = 2;
        private long seed = 42;
        private boolean shuffle = true;
        private boolean strict;
        private long maxPixels = ImageDecoder.DEFAULT_MAX_PIXELS;

        private Builder() {
        }

        /** The images; item indices refer to this list. Required, non-empty. */
        public Builder setFiles(List<Path> files) {
            this.files = files;
            return this;
        }

        /** The transform applied to every image. Required. */
        public Builder setTransform(ImageTransform transform) {
            this.transform = transform;
            return this;
        }

        /** DATALOADER.batch_size. Required, >= 1. */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** DATALOADER.num_workers: loading threads, >= 1 [1]. */
        public Builder optNumWorkers(int numWorkers) {
            this.numWorkers = numWorkers;
            return this;
        }

        /** Batches loaded ahead of the consumer at most, >= 1 [2]. */
        public Builder optPrefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** SEED: fixes the order of every epoch and every random transform [42]. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether each epoch visits the items in a seeded random order [true]. */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Fail on the first image that cannot be decoded instead of skipping it [false]. */
        public Builder optStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** DATASET.max_image_pixels: larger images are skipped from their header, undecoded [64 megapixels]. */
        public Builder optMaxImagePixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        /**
         * Checks the values and starts the worker threads.
         *
         * @throws IllegalArgumentException naming the first invalid value
         */
        public ImagePipeline build() {
            if (files == null || files.isEmpty()) {
                throw new IllegalArgumentException("image pipeline needs at least one file");
            }
            if (transform == null) {
                throw new IllegalArgumentException("image pipeline needs a transform");
            }
            require(batchSize >= 1, "DATALOADER.batch_size must be >= 1, got " + batchSize);
            require(numWorkers >= 1, "DATALOADER.num_workers must be >= 1, got " + numWorkers);
            require(maxPixels >= 1, "DATASET.max_image_pixels must be >= 1, got " + maxPixels);
            require(prefetch >= 1, "prefetch must be >= 1 batch, got " + prefetch);
            return new ImagePipeline(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** Daemon threads, so a consumer that forgets close() does not keep the JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "mdfe-pipeline-" + pool + "-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
