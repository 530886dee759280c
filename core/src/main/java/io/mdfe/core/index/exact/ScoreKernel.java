package io.mdfe.core.index.exact;

/**
 * Scores a tile of {@link #ROWS} queries x {@link Panels#GROUP} panels in float32, and tells which of those
 * queries have a score above their {@link TopCandidates#threshold()} (the caller offers those). A
 * score is {@code bias[i] + sum_j q[j] * x[j]}, accumulated with one rounding per term.
 */
interface ScoreKernel {

    /** Queries scored per tile. */
    int ROWS = 6;

    /** Vectors per panel this kernel expects ({@link Panels#lanes}). */
    int lanes();

    /**
     * Scores queries {@code row .. row+ROWS-1} of {@code queries} (row-major, {@code panels.dim} wide)
     * against panels {@code panel .. panel+GROUP-1}.
     *
     * @param scores receives {@link #tileSize()} floats: query {@code row + r}'s score of vector
     *     {@code panel * lanes() + i} at {@code r * GROUP * lanes() + i}; owned by the calling thread
     */
    void tile(Panels panels, int panel, float[] queries, int row, float[] scores);

    /** Bit {@code r} set when a score of query {@code row + r} in {@code scores} (from {@link #tile}) beats its heap. */
    default int rowsAbove(float[] scores, TopCandidates[] tops, int row) {
        int width = Panels.GROUP * lanes();
        int hits = 0;
        for (int r = 0; r < ROWS; r++) {
            float threshold = tops[row + r].threshold();
            for (int i = r * width; i < (r + 1) * width; i++) {
                if (scores[i] > threshold) {
                    hits |= 1 << r;
                    break;
                }
            }
        }
        return hits;
    }

    /** Floats one {@link #tile} writes. */
    default int tileSize() {
        return ROWS * Panels.GROUP * lanes();
    }

    /** The Vector API kernel when {@code jdk.incubator.vector} is in the boot layer and wide enough, else scalar. */
    static ScoreKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorKernel.usable()) {
            return new VectorKernel();
        }
        return new ScalarKernel();
    }
}
