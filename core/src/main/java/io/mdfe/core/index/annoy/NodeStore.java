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
 * built) or memory-mapped read-only from an Annoy file.
 */
final class NodeStore {

    /** Largest segment: the most whole nodes that fit in one Java buffer. */
    static int maxNodesPerSegment(int nodeBytes) {
        return Integer.MAX_VALUE / nodeBytes;
    }

    private final ByteBuffer[] segments;
    private final int nodeBytes;
    private final int nodesPerSegment;
    private final int count;
    /** Summation order of {@link #dot} and {@link #squaredDistance}: the searches' arithmetic. */
    private final AnnoyParams.SumOrder order;

    private NodeStore(ByteBuffer[] segments, int nodeBytes, int nodesPerSegment, int count,
                      AnnoyParams.SumOrder order) {
        this.segments = segments;
        this.nodeBytes = nodeBytes;
        this.nodesPerSegment = nodesPerSegment;
        this.count = count;
        this.order = order;
    }

    /** The same nodes (shared, not copied), summed in {@code order}. */
    NodeStore summedIn(AnnoyParams.SumOrder order) {
        return new NodeStore(segments, nodeBytes, nodesPerSegment, count, order);
    }

    /** A zeroed, writable store on the heap (annoylib zeroes fresh nodes too). */
    static NodeStore allocate(int count, int nodeBytes, int nodesPerSegment) {
        int n = segmentCount(count, nodesPerSegment);
        ByteBuffer[] segments = new ByteBuffer[n];
        for (int s = 0; s < n; s++) {
            int nodes = Math.min(nodesPerSegment, count - s * nodesPerSegment);
            segments[s] = ByteBuffer.allocate(nodes * nodeBytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        return new NodeStore(segments, nodeBytes, nodesPerSegment, count, AnnoyParams.SumOrder.SCALAR);
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
            return new NodeStore(segments, nodeBytes, nodesPerSegment, (int) count, AnnoyParams.SumOrder.SCALAR);
        }
    }

    private static int segmentCount(int count, int nodesPerSegment) {
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

    int getInt(int node, int field) {
        return segments[node / nodesPerSegment].getInt((node % nodesPerSegment) * nodeBytes + field);
    }

    float getFloat(int node, int field) {
        return segments[node / nodesPerSegment].getFloat((node % nodesPerSegment) * nodeBytes + field);
    }

    void putInt(int node, int field, int value) {
        segments[node / nodesPerSegment].putInt((node % nodesPerSegment) * nodeBytes + field, value);
    }

    /** Copies one whole node from a buffer (read from its position, which is left unchanged). */
    void putNode(int node, ByteBuffer source, int sourceOffset) {
        segments[node / nodesPerSegment].put((node % nodesPerSegment) * nodeBytes, source, sourceOffset, nodeBytes);
    }

    /** Copies node {@code from} over node {@code to} (annoylib's root copies). */
    void copyNode(int from, int to) {
        putNode(to, segments[from / nodesPerSegment], (from % nodesPerSegment) * nodeBytes);
    }

    /** annoylib's {@code dot(node.v, q)} in this store's order, so sums match bit for bit. */
    float dot(int node, int vectorOffset, float[] q) {
        ByteBuffer b = segments[node / nodesPerSegment];
        int at = (node % nodesPerSegment) * nodeBytes + vectorOffset;
        if (order == AnnoyParams.SumOrder.AVX512) {
            return Avx512Sums.dot(b, at, q);
        }
        float s = 0;
        for (int z = 0; z < q.length; z++, at += 4) {
            s += b.getFloat(at) * q[z];
        }
        return s;
    }

    /** annoylib's {@code euclidean_distance}: squared L2, in this store's order. */
    float squaredDistance(int node, int vectorOffset, float[] q) {
        ByteBuffer b = segments[node / nodesPerSegment];
        int at = (node % nodesPerSegment) * nodeBytes + vectorOffset;
        if (order == AnnoyParams.SumOrder.AVX512) {
            return Avx512Sums.squaredDistance(b, at, q);
        }
        float d = 0;
        for (int z = 0; z < q.length; z++, at += 4) {
            float t = q[z] - b.getFloat(at);
            d += t * t;
        }
        return d;
    }

    /** annoylib's {@code dot(x, y)} of two query-side arrays, in this store's order. */
    float dot(float[] x, float[] y) {
        return order == AnnoyParams.SumOrder.AVX512 ? Avx512Sums.dot(x, y) : AnnoyDistance.dot(x, y);
    }

    /** Reads the {@code dim} floats of a node's vector. */
    float[] vector(int node, int vectorOffset, int dim) {
        ByteBuffer b = segments[node / nodesPerSegment];
        int at = (node % nodesPerSegment) * nodeBytes + vectorOffset;
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
