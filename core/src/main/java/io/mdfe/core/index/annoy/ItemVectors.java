package io.mdfe.core.index.annoy;

import java.util.Arrays;

/**
 * The vectors added to an index before it is built, row after row in a few large float arrays
 * (chunks of a power of two of rows), as annoylib keeps its items in one node array: a build reads
 * every item at every tree level, and rows laid out in order stream from memory several times
 * faster than one small array per row. Row {@code i} is at {@link #offset}{@code (i)} of
 * {@link #chunk}{@code (i)}.
 */
final class ItemVectors {

    /** Floats per chunk at most: 64 MB, far below a Java array's limit, little slack in the last one. */
    private static final int CHUNK_FLOATS = 1 << 24;

    private final int dim;
    private final int shift;
    private final int mask;
    private float[][] chunks = new float[0][];
    private int count;

    ItemVectors(int dim) {
        this(dim, Integer.highestOneBit(Math.max(1, CHUNK_FLOATS / dim)));
    }

    /** With chunks of {@code rowsPerChunk} rows, a power of two (tests use tiny ones). */
    ItemVectors(int dim, int rowsPerChunk) {
        if (Integer.bitCount(rowsPerChunk) != 1) {
            throw new IllegalArgumentException("rows per chunk must be a power of two, got " + rowsPerChunk);
        }
        this.dim = dim;
        this.shift = Integer.numberOfTrailingZeros(rowsPerChunk);
        this.mask = rowsPerChunk - 1;
    }

    int count() {
        return count;
    }

    int dim() {
        return dim;
    }

    /** Appends row {@code row} of {@code rows} (row-major, {@code dim} floats each). */
    void add(float[] rows, int row) {
        int c = count >>> shift;
        int at = offset(count);
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c + 1);
            chunks[c] = new float[Math.min(16 * dim, (mask + 1) * dim)];
        } else if (at + dim > chunks[c].length) {
            // the last chunk grows by doubling up to its full size, so small indexes stay small
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(2 * chunks[c].length, (mask + 1) * dim));
        }
        System.arraycopy(rows, row * dim, chunks[c], at, dim);
        count++;
    }

    /** The array holding row {@code i}. */
    float[] chunk(int i) {
        return chunks[i >>> shift];
    }

    /** Where row {@code i} starts in its {@link #chunk}. */
    int offset(int i) {
        return (i & mask) * dim;
    }

    /** Copies row {@code i} to {@code dest} from {@code destAt} on. */
    void copyRow(int i, float[] dest, int destAt) {
        System.arraycopy(chunk(i), offset(i), dest, destAt, dim);
    }

    /** Copies row {@code i} over row {@code j} of {@code dest}. */
    void copyRow(int i, ItemVectors dest, int j) {
        copyRow(i, dest.chunk(j), dest.offset(j));
    }

    /** {@code rows} zero rows, chunked as these are. */
    ItemVectors zeros(int rows) {
        ItemVectors zeros = new ItemVectors(dim, mask + 1);
        int perChunk = mask + 1;
        zeros.chunks = new float[(rows + perChunk - 1) / perChunk][];
        for (int c = 0; c < zeros.chunks.length; c++) {
            zeros.chunks[c] = new float[Math.min(perChunk, rows - c * perChunk) * dim];
        }
        zeros.count = rows;
        return zeros;
    }
}
