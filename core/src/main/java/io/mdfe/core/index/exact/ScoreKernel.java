package io.mdfe.core.index.exact;

/**
 * Scores a tile of {@link #rows()} queries x {@link #group()} panels in float32, and tells which of those
 * queries have a score above their threshold (the caller offers those to their {@link TopCandidates}). A
 * score is {@code bias[i] + sum_j q[j] * x[j]}, accumulated with one rounding per term.
 */
interface ScoreKernel {

    /** Queries scored per tile. */
    int rows();

    /** Panels scored per tile ({@link Panels#group}). */
    int group();

    /** Vectors per panel this kernel expects ({@link Panels#lanes}). */
    int lanes();

    /** The tile's shape and width, e.g. {@code 6x4 (16 lanes)}, for logs and benches. */
    default String describe() {
        return rows() + "x" + group() + " (" + lanes() + " lanes" + (this instanceof ScalarKernel ? ", scalar)" : ")");
    }

    /**
     * Scores queries {@code row .. row+rows()-1} of {@code queries} (in {@link #queryLayout}; {@code row}
     * is a multiple of {@link #rows()}) against panels {@code panel .. panel+group()-1}, and tests them
     * against their thresholds in the same pass (the accumulators are still in registers; a separate
     * test would store and reload them).
     *
     * @param thresholds per query of {@code queries}: a score counts as a hit when strictly above it
     * @param scores receives {@link #tileSize()} floats when the result is not 0: query {@code row + r}'s
     *     score of vector {@code panel * lanes() + i} at {@code r * group() * lanes() + i}; owned by the
     *     calling thread
     * @return bit {@code r} set when a score of query {@code row + r} beats {@code thresholds[row + r]}
     */
    int tile(Panels panels, int panel, float[] queries, int row, float[] thresholds, float[] scores);

    /**
     * Row-major queries ({@code count} a multiple of {@link #rows()}, {@code dim} wide) in the layout
     * {@link #tile} reads: each group of {@code rows()} queries dimension-major, so that
     * {@code out[g * rows() * dim + j * rows() + r]} is dimension j of query {@code g * rows() + r} and a
     * tile's broadcasts for one dimension are adjacent.
     */
    default float[] queryLayout(float[] rowMajor, int count, int dim) {
        int rows = rows();
        float[] out = new float[count * dim];
        for (int q = 0; q < count; q++) {
            int base = (q / rows) * rows * dim + q % rows;
            for (int j = 0; j < dim; j++) {
                out[base + j * rows] = rowMajor[q * dim + j];
            }
        }
        return out;
    }

    /** Floats one {@link #tile} writes. */
    default int tileSize() {
        return rows() * group() * lanes();
    }

    /** The kernel {@link KernelChoice} picks for this JVM and CPU (once per JVM). */
    static ScoreKernel best() {
        return KernelChoice.BEST;
    }
}
