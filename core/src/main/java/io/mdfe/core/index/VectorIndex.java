package io.mdfe.core.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A nearest-neighbour index over float vectors. Life cycle: {@link #add} vectors (ids are the
 * insertion order, from 0), {@link #build} once, then {@link #search} any number of times, from any
 * number of threads. For {@link Metric#ANGULAR} the index normalises vectors and queries itself.
 */
public interface VectorIndex extends AutoCloseable {

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
     * The {@code k} nearest indexed vectors of each of {@code count} row-major queries.
     *
     * @throws IllegalStateException before {@link #build}
     * @throws IllegalArgumentException for a wrong length or NaN/infinite values
     */
    Neighbors search(float[] queries, int count, int k);

    /** Number of indexed vectors. */
    long size();

    /** Writes the built index into {@code dir}, atomically; its factory's {@code load} reads it back. */
    void save(Path dir) throws IOException;

    /** Frees memory, files and connections held by the index. */
    @Override
    void close();
}
