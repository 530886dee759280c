package io.mdfe.core.index.exact;

/**
 * Scores a tile of 4 queries x {@link Panels#GROUP} panels in float32 and offers every score above
 * a query's current threshold to that query's {@link TopCandidates}. A score is
 * {@code bias[i] + sum_j q[j] * x[j]}, accumulated with one rounding per term.
 */
interface ScoreKernel {

    /** Queries scored per tile. */
    int ROWS = 4;

    /** Vectors per panel this kernel expects ({@link Panels#lanes}). */
    int lanes();

    /**
     * Scores queries {@code row .. row+3} of {@code queries} (row-major, {@code panels.dim} wide)
     * against panels {@code panel .. panel+GROUP-1}.
     *
     * @param scratch at least {@link #lanes()} floats, owned by the calling thread
     */
    void tile(Panels panels, int panel, float[] queries, int row, TopCandidates[] tops, float[] scratch);

    /** The Vector API kernel when {@code jdk.incubator.vector} is in the boot layer and wide enough, else scalar. */
    static ScoreKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorKernel.usable()) {
            return new VectorKernel();
        }
        return new ScalarKernel();
    }
}
