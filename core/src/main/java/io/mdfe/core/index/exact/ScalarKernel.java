package io.mdfe.core.index.exact;

/**
 * Plain-Java {@link ScoreKernel}, used when the JVM runs without {@code --add-modules
 * jdk.incubator.vector} (several times slower, same results after re-scoring).
 */
final class ScalarKernel implements ScoreKernel {

    private static final int LANES = 16;
    private static final int ROWS = 6;
    private static final int GROUP = 4;

    @Override
    public int rows() {
        return ROWS;
    }

    @Override
    public int group() {
        return GROUP;
    }

    @Override
    public int lanes() {
        return LANES;
    }

    @Override
    public int tile(Panels panels, int panel, float[] queries, int row, float[] thresholds, float[] scores) {
        int dim = panels.dim;
        float[] x = panels.data;
        int block = panel * dim * LANES;
        int out = 0;
        int hits = 0;
        for (int r = 0; r < ROWS; r++) {
            int q = row * dim + r;
            float threshold = thresholds[row + r];
            for (int t = 0; t < GROUP * LANES; t++) {
                float s = panels.bias[panel * LANES + t];
                for (int j = 0; j < dim; j++) {
                    s = Math.fma(queries[q + j * ROWS], x[block + j * GROUP * LANES + t], s);
                }
                scores[out++] = s;
                if (s > threshold) {
                    hits |= 1 << r;
                }
            }
        }
        return hits;
    }
}
