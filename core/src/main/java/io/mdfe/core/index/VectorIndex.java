package io.mdfe.core.index;

import io.mdfe.core.concurrent.Cancellation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A nearest-neighbour index over float vectors. Life cycle: {@link #add} vectors (ids are the
 * insertion order, from 0), {@link #build} once, then {@link #search} any number of times, from any
 * number of threads. For {@link Metric#ANGULAR} the index normalises vectors and queries itself.
 */
public interface VectorIndex extends AutoCloseable {

    /** Queries per block of a cancellable {@link #search(float[], int, int, Cancellation)}. */
    int SEARCH_BLOCK = 1024;

    /** What this index holds. */
    IndexSpec spec();

    /**
     * Appends {@code count} row-major vectors of {@code spec().dim()} floats.
     *
     * @throws IllegalArgumentException for a wrong length, NaN or infinite values (naming the row), or after build
     */
    void add(float[] vectors, int count);

    /** Finishes the index; approximate indexes report their recall against exact search. */
    BuildReport build();

    /**
     * {@link #build()}, stopping early when {@code cancellation} says the caller gave up; a stopped build
     * leaves the index as it was before, so it can be built again. Indexes whose build is long check between
     * units of work; the default checks before starting only.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    default BuildReport build(Cancellation cancellation) {
        cancellation.check("index build");
        return build();
    }

    /**
     * The {@code k} nearest indexed vectors of each of {@code count} row-major queries.
     *
     * @throws IllegalStateException before {@link #build}
     * @throws IllegalArgumentException for a wrong length or NaN/infinite values
     */
    Neighbors search(float[] queries, int count, int k);

    /**
     * {@link #search(float[], int, int)} in blocks of {@value #SEARCH_BLOCK} queries, checking
     * {@code cancellation} before each block, so a caller that gave up stops a large search early.
     *
     * @throws java.util.concurrent.CancellationException when cancelled
     */
    default Neighbors search(float[] queries, int count, int k, Cancellation cancellation) {
        if (count <= SEARCH_BLOCK) {
            cancellation.check("search");
            return search(queries, count, k);
        }
        int dim = spec().dim();
        if (queries.length != (long) count * dim) {
            throw new IllegalArgumentException("queries: " + queries.length + " floats is not " + count + " x " + dim);
        }
        List<Neighbors> blocks = new ArrayList<>();
        for (int from = 0; from < count; from += SEARCH_BLOCK) {
            cancellation.check("search");
            int rows = Math.min(SEARCH_BLOCK, count - from);
            blocks.add(search(Arrays.copyOfRange(queries, from * dim, (from + rows) * dim), rows, k));
        }
        int width = blocks.get(0).k(); // a backend may answer fewer than k columns (a small index)
        int[] ids = new int[Math.multiplyExact(count, width)];
        float[] distances = new float[ids.length];
        int at = 0;
        for (Neighbors block : blocks) {
            System.arraycopy(block.ids(), 0, ids, at, block.ids().length);
            System.arraycopy(block.distances(), 0, distances, at, block.ids().length);
            at += block.ids().length;
        }
        return new Neighbors(count, width, ids, distances);
    }

    /** Number of indexed vectors. */
    long size();

    /** Writes the built index into {@code dir}, atomically; its factory's {@code load} reads it back. */
    void save(Path dir) throws IOException;

    /** Frees memory, files and connections held by the index. */
    @Override
    void close();
}
