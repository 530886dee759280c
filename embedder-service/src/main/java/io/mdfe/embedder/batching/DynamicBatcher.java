package io.mdfe.embedder.batching;

import io.grpc.Deadline;
import io.grpc.Status;
import io.mdfe.core.data.image.ImageDecodeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coalesces concurrent embedding requests into model batches.
 *
 * <p>{@link #submit} never blocks, so it may be called from an event loop: it reserves queue capacity
 * for the request's images (or rejects the request with RESOURCE_EXHAUSTED), pins the current model
 * and hands each image to the worker pool. Workers read, decode and transform images into a ready
 * queue. One batcher thread takes the first ready image, adds more up to {@code maxBatchSize}, waiting
 * at most {@code maxWait} for images that are still being decoded, and runs the forward pass; while it
 * runs, the next batch fills up. A request whose caller cancelled it (its future is done) or whose
 * deadline expired is dropped before decoding and again before inference.
 *
 * @param <M> the model type
 */
public final class DynamicBatcher<M extends BatchModel> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class.getName());
    private static final long IDLE_POLL_MS = 100;

    private final ModelSlot<M> models;
    private final BatcherSettings settings;
    private final Semaphore capacity;
    private final ExecutorService workers;
    private final BlockingQueue<Item> ready = new LinkedBlockingQueue<>();
    /** Images handed to workers and not yet in {@link #ready}: a batch only waits while some are on the way. */
    private final AtomicInteger preparing = new AtomicInteger();
    private final Thread batcher;
    private volatile boolean closed;

    private final DistributionSummary batchSizes;
    private final Timer inferenceTime;
    private final Counter embedded;
    private final Counter failed;
    private final Counter dropped;
    private final MeterRegistry registry;

    /**
     * Starts the worker pool and the batcher thread.
     *
     * @param models the served model
     * @param settings batch size, wait, queue capacity and workers
     * @param registry where the batcher's metrics go
     */
    public DynamicBatcher(ModelSlot<M> models, BatcherSettings settings, MeterRegistry registry) {
        this.models = models;
        this.settings = settings;
        this.registry = registry;
        this.capacity = new Semaphore(settings.queueCapacity());
        AtomicInteger workerIds = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.workers(), r -> daemon(r, "embed-decode-" + workerIds.incrementAndGet()));
        this.batchSizes = DistributionSummary.builder("mdfe.embedder.batch.size")
                .description("Images per forward pass").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        this.inferenceTime = Timer.builder("mdfe.embedder.batch.inference")
                .description("Forward pass time per batch").publishPercentileHistogram().register(registry);
        this.embedded = imageCounter("embedded");
        this.failed = imageCounter("failed");
        this.dropped = imageCounter("dropped");
        Gauge.builder("mdfe.embedder.queue.depth", this, DynamicBatcher::queueDepth)
                .description("Images admitted and not yet finished (decoding, waiting or in a batch)")
                .register(registry);
        Gauge.builder("mdfe.embedder.queue.capacity", settings, BatcherSettings::queueCapacity)
                .description("Images admitted at most").register(registry);
        this.batcher = daemon(this::runBatches, "embed-batcher");
        batcher.start();
    }

    private Counter imageCounter(String outcome) {
        return Counter.builder("mdfe.embedder.images").tag("outcome", outcome)
                .description("Images finished, by outcome (rate = images/s)").register(registry);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** {@return the settings} */
    public BatcherSettings settings() {
        return settings;
    }

    /** {@return images admitted and not yet finished} */
    public int queueDepth() {
        return settings.queueCapacity() - capacity.availablePermits();
    }

    /**
     * Admits a request. Never blocks. The future fails with {@link EmbedRejectedException}: INVALID_ARGUMENT
     * (no images, more than the queue capacity), RESOURCE_EXHAUSTED (queue full), FAILED_PRECONDITION (no
     * model), UNAVAILABLE (shutting down), DEADLINE_EXCEEDED (expired before inference). Cancelling the
     * future drops the request's remaining work.
     *
     * @param images the request's images
     * @param normalize L2-normalise the embeddings
     * @param deadline when the caller stops waiting, or null for never
     * @return the request's outcome
     */
    public CompletableFuture<EmbedOutcome> submit(List<ImageInput> images, boolean normalize, Deadline deadline) {
        int n = images.size();
        if (n == 0) {
            return rejected(Status.Code.INVALID_ARGUMENT, "images: at least one image is required");
        }
        if (n > settings.queueCapacity()) {
            return rejected(Status.Code.INVALID_ARGUMENT, "images: " + n + " images exceed the queue capacity of "
                    + settings.queueCapacity() + "; split the request");
        }
        if (closed) {
            return rejected(Status.Code.UNAVAILABLE, "the embedder is shutting down");
        }
        if (!capacity.tryAcquire(n)) {
            return rejected(Status.Code.RESOURCE_EXHAUSTED, "queue full: " + n + " image(s) requested, "
                    + capacity.availablePermits() + " of " + settings.queueCapacity() + " free; retry later");
        }
        var lease = models.acquire();
        if (lease.isEmpty()) {
            capacity.release(n);
            return rejected(Status.Code.FAILED_PRECONDITION, "no model is loaded");
        }
        Job job = new Job(lease.get(), n, normalize, deadline);
        preparing.addAndGet(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            workers.execute(() -> prepare(job, index, images.get(index)));
        }
        return job.future;
    }

    private static CompletableFuture<EmbedOutcome> rejected(Status.Code code, String message) {
        return CompletableFuture.failedFuture(new EmbedRejectedException(code, message));
    }

    private void prepare(Job job, int index, ImageInput input) {
        try {
            if (job.dead()) {
                job.drop();
                return;
            }
            float[] row;
            try {
                row = job.lease.model().prepare(input.read());
            } catch (ImageDecodeException e) {
                job.finish(index, new ItemResult.Failed(Status.Code.INVALID_ARGUMENT, itemMessage(index, e.getMessage())));
                return;
            } catch (ItemException e) {
                job.finish(index, new ItemResult.Failed(e.code(), itemMessage(index, e.getMessage())));
                return;
            } catch (OutOfMemoryError e) {
                // one image too large for the heap fails that image only; the request still completes
                LOG.log(Level.WARNING, "out of memory preparing image " + index, e);
                job.finish(index, new ItemResult.Failed(Status.Code.RESOURCE_EXHAUSTED,
                        itemMessage(index, "out of memory while decoding the image")));
                return;
            } catch (RuntimeException | Error e) {
                // any Error too: an uncaught one would end this worker without finishing the item, so the
                // request would never complete and its queue capacity and model lease would stay taken
                LOG.log(Level.WARNING, "cannot prepare image " + index, e);
                job.finish(index, new ItemResult.Failed(Status.Code.INTERNAL, itemMessage(index, String.valueOf(e))));
                return;
            }
            ready.add(new Item(job, index, row));
        } finally {
            // After the item is in the ready queue, so the batcher never sees it nowhere.
            preparing.decrementAndGet();
        }
    }

    private static String itemMessage(int index, String reason) {
        return "images[" + index + "]: " + reason;
    }

    private void runBatches() {
        Item carried = null;
        while (true) {
            Item first;
            try {
                first = carried != null ? carried : ready.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            carried = null;
            if (first == null) {
                if (closed && preparing.get() == 0 && ready.isEmpty()) {
                    return;
                }
                continue;
            }
            List<Item> batch = new ArrayList<>(settings.maxBatchSize());
            batch.add(first);
            try {
                carried = fill(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run(batch);
        }
    }

    /**
     * Adds ready items of the batch's model until it is full, nothing more is being decoded, or the
     * maximum wait has passed.
     *
     * @return an item of another model, which starts the next batch
     */
    private Item fill(List<Item> batch) throws InterruptedException {
        BatchModel model = batch.get(0).job.lease.model();
        long waitUntil = System.nanoTime() + settings.maxWait().toNanos();
        while (batch.size() < settings.maxBatchSize()) {
            Item next = ready.poll();
            if (next == null) {
                long left = waitUntil - System.nanoTime();
                if (preparing.get() == 0 || left <= 0) {
                    return null;
                }
                next = ready.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return null;
                }
            }
            // Requests admitted before a swap are pinned to the old model: never mix two in one batch.
            if (next.job.lease.model() != model) {
                return next;
            }
            batch.add(next);
        }
        return null;
    }

    private void run(List<Item> batch) {
        List<Item> live = new ArrayList<>(batch.size());
        for (Item item : batch) {
            if (item.job.dead()) {
                item.job.drop();
            } else {
                live.add(item);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        BatchModel model = live.get(0).job.lease.model();
        List<float[]> inputs = live.stream().map(item -> item.row).toList();
        float[][] vectors;
        long start = System.nanoTime();
        try {
            vectors = model.embed(inputs);
            if (vectors.length != live.size()) {
                throw new IllegalStateException("the model returned " + vectors.length + " embeddings for "
                        + live.size() + " images");
            }
        } catch (RuntimeException | Error e) {
            // an Error escaping here would end the batcher thread and hang every later request
            LOG.log(Level.SEVERE, "forward pass of " + live.size() + " image(s) failed on model "
                    + model.modelId() + "/" + model.version(), e);
            live.forEach(item -> item.job.finish(item.index, new ItemResult.Failed(Status.Code.INTERNAL,
                    itemMessage(item.index, "inference failed: " + e.getMessage()))));
            return;
        }
        inferenceTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        batchSizes.record(live.size());
        for (int k = 0; k < live.size(); k++) {
            Item item = live.get(k);
            float[] vector = item.job.normalize ? l2Normalized(vectors[k]) : vectors[k];
            item.job.finish(item.index, new ItemResult.Embedded(vector));
        }
    }

    /** Same epsilon as the bulk extractor, so both paths give the same unit vectors. */
    static float[] l2Normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float norm = (float) Math.max(Math.sqrt(sum), 1e-12);
        float[] out = Arrays.copyOf(v, v.length);
        for (int i = 0; i < out.length; i++) {
            out[i] /= norm;
        }
        return out;
    }

    /**
     * Stops admitting requests, lets the admitted ones finish (up to 30 s each for
     * decoding and batching) and stops the threads.
     * The model slot is not closed: it belongs to the caller.
     */
    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
            batcher.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        batcher.interrupt();
    }

    /** One prepared image waiting for a batch. */
    private final class Item {

        final Job job;
        final int index;
        final float[] row;

        Item(Job job, int index, float[] row) {
            this.job = job;
            this.index = index;
            this.row = row;
        }
    }

    /** One admitted request: its pinned model, results so far and the images still open. */
    private final class Job {

        final ModelSlot.Lease<M> lease;
        final boolean normalize;
        final Deadline deadline;
        final CompletableFuture<EmbedOutcome> future = new CompletableFuture<>();
        final AtomicReferenceArray<ItemResult> results;
        final AtomicInteger open;

        Job(ModelSlot.Lease<M> lease, int size, boolean normalize, Deadline deadline) {
            this.lease = lease;
            this.normalize = normalize;
            this.deadline = deadline;
            this.results = new AtomicReferenceArray<>(size);
            this.open = new AtomicInteger(size);
        }

        /** True when nobody waits for the result any more: cancelled, failed, or past its deadline. */
        boolean dead() {
            if (future.isDone()) {
                return true;
            }
            if (deadline != null && deadline.isExpired()) {
                future.completeExceptionally(new EmbedRejectedException(Status.Code.DEADLINE_EXCEEDED,
                        "deadline expired before inference"));
                return true;
            }
            return false;
        }

        void finish(int index, ItemResult result) {
            results.set(index, result);
            (result instanceof ItemResult.Embedded ? embedded : failed).increment();
            close();
        }

        void drop() {
            dropped.increment();
            close();
        }

        private void close() {
            capacity.release();
            if (open.decrementAndGet() == 0) {
                // Release the model first: a swapped-out model closes as soon as its last request is done.
                lease.close();
                List<ItemResult> items = new ArrayList<>(results.length());
                for (int i = 0; i < results.length(); i++) {
                    items.add(results.get(i));
                }
                if (!future.isDone()) {
                    future.complete(new EmbedOutcome(lease.model().modelId(), lease.model().version(), items));
                }
            }
        }
    }
}
