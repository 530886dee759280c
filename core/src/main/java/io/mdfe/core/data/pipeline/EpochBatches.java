package io.mdfe.core.data.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The batches of one epoch, in order. Each item is a task on the pipeline's workers; batches are
 * submitted only while fewer than {@code prefetch} are ahead of the consumer, so at most
 * {@code prefetch * batchSize} images are ever decoded ahead. Errors of a worker are rethrown here,
 * in the consumer's thread, as {@link PipelineException}.
 *
 * <p>A batch whose images were all skipped is not returned; its skips are still listed.
 * Not thread-safe: one consumer.
 */
public final class EpochBatches implements Iterator<Batch>, AutoCloseable {

    private final ItemLoader loader;
    private final ExecutorService workers;
    private final int[] order;
    private final int batchSize;
    private final int prefetch;
    private final int epoch;
    private final int batches;
    private final Deque<Pending> window = new ArrayDeque<>();
    private final List<SkippedImage> skipped = new ArrayList<>();
    private int submitted;
    private Batch ready;
    private boolean closed;

    EpochBatches(ItemLoader loader, ExecutorService workers, int[] order, int batchSize, int prefetch, int epoch) {
        this.loader = loader;
        this.workers = workers;
        this.order = order;
        this.batchSize = batchSize;
        this.prefetch = prefetch;
        this.epoch = epoch;
        this.batches = (order.length + batchSize - 1) / batchSize;
        fill(prefetch);
    }

    @Override
    public boolean hasNext() {
        while (ready == null && !window.isEmpty()) {
            Pending next = window.removeFirst();
            // the consumer now waits on this batch: the ones behind it may start
            fill(prefetch);
            ready = next.await();
        }
        return ready != null;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches");
        }
        Batch batch = ready;
        ready = null;
        return batch;
    }

    /** The images skipped in the batches handed out (or passed over) so far. */
    public List<SkippedImage> skipped() {
        return List.copyOf(skipped);
    }

    /** Cancels the batches still loading; running items are interrupted. */
    @Override
    public void close() {
        closed = true;
        for (Pending p : window) {
            p.cancel();
        }
        window.clear();
        ready = null;
    }

    private void fill(int ahead) {
        while (!closed && submitted < batches && window.size() < ahead) {
            window.addLast(new Pending(submitted++));
        }
    }

    /** A batch whose items are loading. */
    private final class Pending {
        private final int number;
        private final int[] indices;
        private final float[] buffer;
        private final List<Future<SkippedImage>> items = new ArrayList<>();

        Pending(int number) {
            this.number = number;
            int from = number * batchSize;
            this.indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
            this.buffer = new float[indices.length * loader.imageFloats()];
            for (int slot = 0; slot < indices.length; slot++) {
                int index = indices[slot];
                int s = slot;
                items.add(workers.submit(() -> loader.load(index, buffer, s)));
            }
        }

        /** Waits for every item; returns the batch, or null when every image was skipped. */
        Batch await() {
            List<SkippedImage> mine = new ArrayList<>();
            for (Future<SkippedImage> item : items) {
                SkippedImage skip = get(item);
                if (skip != null) {
                    mine.add(skip);
                }
            }
            skipped.addAll(mine);
            if (mine.isEmpty()) {
                return new Batch(epoch, number, indices, buffer, loader.size(), List.of());
            }
            return mine.size() == indices.length ? null : compact(mine);
        }

        /** Drops the skipped slots, keeping the order of the rest. */
        private Batch compact(List<SkippedImage> mine) {
            int per = loader.imageFloats();
            int kept = indices.length - mine.size();
            int[] keptIndices = new int[kept];
            float[] keptPixels = new float[kept * per];
            int k = 0;
            for (int slot = 0; slot < indices.length; slot++) {
                int index = indices[slot];
                if (mine.stream().noneMatch(s -> s.index() == index)) {
                    keptIndices[k] = index;
                    System.arraycopy(buffer, slot * per, keptPixels, k * per, per);
                    k++;
                }
            }
            return new Batch(epoch, number, keptIndices, keptPixels, loader.size(), mine);
        }

        private SkippedImage get(Future<SkippedImage> item) {
            try {
                return item.get();
            } catch (ExecutionException e) {
                close();
                if (e.getCause() instanceof PipelineException pe) {
                    throw new PipelineException(pe.getMessage(), pe.getCause());
                }
                throw new PipelineException("epoch " + epoch + ", batch " + number + ": worker failed: " + e.getCause(),
                        e.getCause());
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new PipelineException("interrupted while waiting for epoch " + epoch + ", batch " + number, e);
            } catch (CancellationException e) {
                throw new PipelineException("epoch " + epoch + " was closed", e);
            }
        }

        void cancel() {
            for (Future<SkippedImage> item : items) {
                item.cancel(true);
            }
        }
    }
}
