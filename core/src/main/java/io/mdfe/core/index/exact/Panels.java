package io.mdfe.core.index.exact;

import java.util.Arrays;
import java.util.List;

/**
 * The indexed vectors in the kernel's layout: groups of {@code lanes} vectors stored dimension-major
 * ({@code data[(p * dim + j) * lanes + l]} is dimension j of vector {@code p * lanes + l}), so one
 * SIMD load reads one dimension of a whole panel. The panel count is padded to a multiple of
 * {@link #group} (the kernel tile's panels); padding vectors are zero with bias -inf, so they never score.
 *
 * <p>{@code bias[i]} is added to every raw dot product: 0 for dot and angular, {@code -||x||^2 / 2}
 * for euclidean, where ranking by {@code q.x - ||x||^2/2} is ranking by L2 distance.
 */
final class Panels {

    final int lanes;
    /** Panels scored together by one kernel tile. */
    final int group;
    final int dim;
    final int count;
    final float[] data;
    final float[] bias;
    /** Largest L2 norm of an indexed vector, for the rounding bound. */
    final double maxNorm;
    /** Largest |bias|, for the rounding bound. */
    final double maxAbsBias;

    Panels(int lanes, int group, int dim, int count, float[] data, float[] bias, double maxNorm, double maxAbsBias) {
        this.lanes = lanes;
        this.group = group;
        this.dim = dim;
        this.count = count;
        this.data = data;
        this.bias = bias;
        this.maxNorm = maxNorm;
        this.maxAbsBias = maxAbsBias;
    }

    /**
     * Lays out the row-major vectors of {@code chunks} (in order, {@code count} in all), dropping each
     * chunk's reference from the list once copied so that peak memory stays near one copy of the data.
     * {@code lanes} and {@code group} come from the kernel; {@code euclidean} selects the bias.
     */
    static Panels of(List<float[]> chunks, int count, int dim, int lanes, int group, boolean euclidean) {
        int groupItems = lanes * group;
        int padded = (count + groupItems - 1) / groupItems * groupItems;
        float[] data = new float[Math.multiplyExact(padded, dim)];
        float[] bias = new float[padded];
        Arrays.fill(bias, count, padded, Float.NEGATIVE_INFINITY);
        double maxNorm = 0;
        double maxAbsBias = 0;
        int i = 0;
        for (int c = 0; c < chunks.size(); c++) {
            float[] rows = chunks.set(c, null);
            for (int o = 0; o < rows.length; o += dim, i++) {
                int base = (i / lanes) * dim * lanes + i % lanes;
                double sq = 0;
                for (int j = 0; j < dim; j++) {
                    float v = rows[o + j];
                    data[base + j * lanes] = v;
                    sq += (double) v * v;
                }
                maxNorm = Math.max(maxNorm, Math.sqrt(sq));
                bias[i] = euclidean ? (float) (-sq / 2) : 0f;
                maxAbsBias = Math.max(maxAbsBias, Math.abs(bias[i]));
            }
        }
        if (i != count) {
            throw new IllegalArgumentException("panels: chunks hold " + i + " vectors, expected " + count);
        }
        return new Panels(lanes, group, dim, count, data, bias, maxNorm, maxAbsBias);
    }

    int panelCount() {
        return bias.length / lanes;
    }

    /** Dimension j of vector i. */
    float get(int i, int j) {
        return data[((i / lanes) * dim + j) * lanes + i % lanes];
    }

    /** Vector i, row-major, into {@code out} at {@code offset}. */
    void copyRow(int i, float[] out, int offset) {
        for (int j = 0; j < dim; j++) {
            out[offset + j] = get(i, j);
        }
    }
}
