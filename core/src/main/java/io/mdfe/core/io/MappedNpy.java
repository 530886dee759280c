package io.mdfe.core.io;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A float32 {@code .npy} matrix memory-mapped read-only, for matrices too large to copy onto the heap
 * (e.g. cached backbone features: 328k images x 1152 floats = 1.5 GB). Mapped in segments of whole
 * rows, each under 2 GB, because one Java mapping cannot exceed that.
 */
public final class MappedNpy {

    private final int rows;
    private final int cols;
    private final int rowsPerSegment;
    private final FloatBuffer[] segments;

    private MappedNpy(int rows, int cols, int rowsPerSegment, FloatBuffer[] segments) {
        this.rows = rows;
        this.cols = cols;
        this.rowsPerSegment = rowsPerSegment;
        this.segments = segments;
    }

    /** Maps {@code path}; the header is checked as {@link NpyMatrix#read} does. */
    public static MappedNpy map(Path path) throws IOException {
        NpyMatrix.Header h = NpyMatrix.header(path);
        long rowBytes = 4L * h.cols();
        int rowsPerSegment = (int) Math.max(1, Math.min(h.rows(), (Integer.MAX_VALUE - 7) / Math.max(1, rowBytes)));
        int count = h.rows() == 0 ? 0 : (h.rows() + rowsPerSegment - 1) / rowsPerSegment;
        FloatBuffer[] segments = new FloatBuffer[count];
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long expected = h.dataOffset() + rowBytes * h.rows();
            if (channel.size() < expected) {
                throw new IOException(path + ": truncated: header says " + h.rows() + "x" + h.cols() + " float32 values");
            }
            for (int s = 0; s < count; s++) {
                int first = s * rowsPerSegment;
                int n = Math.min(rowsPerSegment, h.rows() - first);
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + rowBytes * first, rowBytes * n)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
        }
        return new MappedNpy(h.rows(), h.cols(), rowsPerSegment, segments);
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Copies row {@code row} into {@code dst} at {@code offset}. */
    public void copyRow(int row, float[] dst, int offset) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        segments[row / rowsPerSegment].get((row % rowsPerSegment) * cols, dst, offset, cols);
    }
}
