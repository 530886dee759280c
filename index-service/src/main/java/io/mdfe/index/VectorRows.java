package io.mdfe.index;

import io.mdfe.proto.index.Vector;
import java.util.List;

/**
 * Proto vectors checked against an index's width and flattened row-major. A vector of the wrong width or
 * with NaN or infinite values is refused, naming its position so a client can find it.
 */
final class VectorRows {

    private VectorRows() {
    }

    /**
     * Flattens {@code vectors}; positions in messages are {@code firstPosition} + the row.
     *
     * @param what "vector" or "query", for messages
     * @param indexName the index, for messages
     * @throws IllegalArgumentException naming the first bad vector
     */
    static float[] flatten(List<Vector> vectors, int dim, String what, long firstPosition, String indexName) {
        float[] flat = new float[vectors.size() * dim];
        for (int r = 0; r < vectors.size(); r++) {
            Vector v = vectors.get(r);
            long position = firstPosition + r;
            if (v.getValuesCount() != dim) {
                throw new IllegalArgumentException(what + " " + position + " has " + v.getValuesCount()
                        + " values; index '" + indexName + "' holds " + dim + "-d vectors");
            }
            for (int i = 0; i < dim; i++) {
                float x = v.getValues(i);
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(what + " " + position + " has " + x + " at position " + i
                            + " (index '" + indexName + "')");
                }
                flat[r * dim + i] = x;
            }
        }
        return flat;
    }
}
