package io.mdfe.core.eval.baseline;

import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.eval.SplitEmbeddings;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A baseline's descriptors of UnED splits, computed on {@code workers} threads. Strict like a
 * model's evaluation: an unreadable image fails the run naming the file.
 */
public final class BaselineEmbeddings implements SplitEmbeddings {

    private final Baseline baseline;
    private final int workers;
    private final IntConsumer progress;

    /**
     * @param baseline the descriptors
     * @param workers decoding threads
     * @param progress told of each described item (1 per call)
     */
    public BaselineEmbeddings(Baseline baseline, int workers, IntConsumer progress) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        this.baseline = baseline;
        this.workers = workers;
        this.progress = progress;
    }

    @Override
    public NpyMatrix embed(UnedDomain domain, String split, List<UnedItem> items) throws IOException {
        int dim = baseline.dim();
        float[] data = new float[items.size() * dim];
        ForkJoinPool pool = new ForkJoinPool(workers);
        try {
            pool.submit(() -> IntStream.range(0, items.size()).parallel().forEach(i -> {
                try {
                    System.arraycopy(baseline.describe(items.get(i)), 0, data, i * dim, dim);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                progress.accept(1);
            })).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(baseline.name() + " baseline of " + domain.name() + "/" + split + " interrupted", e);
        } catch (ExecutionException e) {
            // fork/join may rethrow a copy wrapping the original: report the first real I/O error (it names the file)
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IOException io) {
                    throw io;
                }
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return new NpyMatrix(items.size(), dim, data);
    }
}
