package io.mdfe.core.index.annoy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Annoy's node array: {@code count} fixed-size little-endian nodes, addressed by node index as
 * annoylib's {@code _get(i)} does. A Java buffer holds at most 2 GB, so the array is split into
 * segments of whole nodes; an index of 5 GB of trees is a few segments, either on the heap (just
 * built) or memory-mapped read-only from an Annoy file. Segments hold a power of two of nodes, so
 * finding a node is a shift and a mask (every search step reads a node).
 */
final class NodeStore {

    /** Largest segment: the largest power of two of whole nodes that fits in one Java buffer. */
    static int maxNodesPerSegment(int nodeBytes) {
        return Integer.highestOneBit(Integer.MAX_VALUE / nodeBytes);
    }

    private final ByteBuffer[] segments;
    private final int nodeBytes;
    /** {@code log2(nodesPerSegment)}: node {@code i} is {@code i & mask} of segment {@code i >>> shift}. */
    private final int shift;
    private final int mask;
    private final int count;

    private NodeStore(ByteBuffer[] segments, int nodeBytes, int nodesPerSegment, int count) {
        this.segments = segments;
        this.nodeBytes = nodeBytes;
        this.shift = Integer.numberOfTrailingZeros(nodesPerSegment);
        this.mask = nodesPerSegment - 1;
        this.count = count;
    }

    /** A zeroed, writable store on the heap (annoylib zeroes fresh nodes too). */
    static NodeStore allocate(int count, int nodeBytes, int nodesPerSegment) {
        int n = segmentCount(count, nodesPerSegment);
        ByteBuffer[] segments = new ByteBuffer[n];
        for (int s = 0; s < n; s++) {
            int nodes = Math.min(nodesPerSegment, count - s * nodesPerSegment);
            segments[s] = ByteBuffer.allocate(nodes * nodeBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new NodeStore(segments, nodeBytes, nodesPerSegment, count);
    }

    /**
     * Maps an Annoy file read-only.
     *
     * @throws IOException when the file is empty or not a whole number of nodes (wrong metric or dimension)
     */
    static NodeStore map(Path file, int nodeBytes, int nodesPerSegment, String layout) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0 || size % nodeBytes != 0) {
                throw new IOException(file + ": " + size + " bytes is not a whole number of " + nodeBytes
                        + "-byte nodes of " + layout + "; open it with the metric and dimension it was built with");
            }
            long count = size / nodeBytes;
            if (count > Integer.MAX_VALUE) {
                throw new IOException(file + ": " + count + " nodes exceed Annoy's int32 node ids");
            }
            int n = segmentCount((int) count, nodesPerSegment);
            ByteBuffer[] segments = new ByteBuffer[n];
            for (int s = 0; s < n; s++) {
                long first = (long) s * nodesPerSegment;
                long nodes = Math.min(nodesPerSegment, count - first);
                // the mapping outlives the channel; it is released when the buffer is collected
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY, first * nodeBytes, nodes * nodeBytes)
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
            return new NodeStore(segments, nodeBytes, nodesPerSegment, (int) count);
        }
    }

    private static int segmentCount(int count, int nodesPerSegment) {
        if (Integer.bitCount(nodesPerSegment) != 1) {
            throw new IllegalArgumentException("nodes per segment must be a power of two, got " + nodesPerSegment);
        }
        return (int) (((long) count + nodesPerSegment - 1) / nodesPerSegment);
    }

    int count() {
        return count;
    }

    int nodeBytes() {
        return nodeBytes;
    }

    /** Bytes of all nodes: the Annoy file size. */
    long bytes() {
        return (long) count * nodeBytes;
    }

    /** The buffer holding node {@code node}, to read at {@link #offset}. */
    ByteBuffer segment(int node) {
        return segments[node >>> shift];
    }

    /** The byte offset of node {@code node} in its {@link #segment}. */
    int offset(int node) {
        return (node & mask) * nodeBytes;
    }

    int getInt(int node, int field) {
        return segment(node).getInt(offset(node) + field);
    }

    float getFloat(int node, int field) {
        return segment(node).getFloat(offset(node) + field);
    }

    /** Copies one whole node from a buffer (read from its position, which is left unchanged). */
    void putNode(int node, ByteBuffer source, int sourceOffset) {
        segment(node).put(offset(node), source, sourceOffset, nodeBytes);
    }

    /** Copies node {@code from} over node {@code to} (annoylib's root copies). */
    void copyNode(int from, int to) {
        putNode(to, segment(from), offset(from));
    }

    /** Reads the {@code dim} floats of a node's vector. */
    float[] vector(int node, int vectorOffset, int dim) {
        ByteBuffer b = segment(node);
        int at = offset(node) + vectorOffset;
        float[] v = new float[dim];
        for (int z = 0; z < dim; z++) {
            v[z] = b.getFloat(at + 4 * z);
        }
        return v;
    }

    /** Writes all nodes in order: the Annoy file. */
    void writeTo(OutputStream out) throws IOException {
        byte[] chunk = new byte[1 << 20];
        for (ByteBuffer segment : segments) {
            ByteBuffer view = segment.duplicate();
            view.clear();
            while (view.hasRemaining()) {
                int n = Math.min(chunk.length, view.remaining());
                view.get(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        }
    }
}
