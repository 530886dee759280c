package io.mdfe.core.index.exact;

import java.util.Arrays;
import java.util.List;

/**
 * The indexed vectors in the kernel's layout. A panel is {@code lanes} vectors, one SIMD load per
 * dimension; a block is the {@link #group} panels one kernel tile scores, stored dimension-major
 * ({@code data[(b * dim + j) * width + t]} is dimension j of vector {@code b * width + t}, with
 * {@code width = lanes * group}). So a tile's loads for one dimension are adjacent, at constant
 * offsets from one moving index: with panels a stride apart, each load needed its own address
 * arithmetic, and those integer instructions, not the FMAs, bounded AVX2's loop (Zen 3). The vector
 * count is padded to whole blocks; padding vectors are zero with bias -inf, so they never score.
 *
 * <p>{@code bias[i]} is added to every raw dot product: 0 for dot and angular, {@code -||x||^2 / 2}
 * for euclidean, where ranking by {@code q.x - ||x||^2/2} is ranking by L2 distance.
 */
final class Panels {

    final int lanes;
    /** Panels scored together by one kernel tile. */
    final int group;
    /** Vectors per block: {@code lanes * group}. */
    final int width;
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
        this.width = lanes * group;
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
        int width = lanes * group;
        int padded = (count + width - 1) / width * width;
        float[] data = new float[Math.multiplyExact(padded, dim)];
        float[] bias = new float[padded];
        Arrays.fill(bias, count, padded, Float.NEGATIVE_INFINITY);
        double maxNorm = 0;
        double maxAbsBias = 0;
        int i = 0;
        for (int c = 0; c < chunks.size(); c++) {
            float[] rows = chunks.set(c, null);
            for (int o = 0; o < rows.length; o += dim, i++) {
                int base = (i / width) * dim * width + i % width;
                double sq = 0;
                for (int j = 0; j < dim; j++) {
                    float v = rows[o + j];
                    data[base + j * width] = v;
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
        return data[((i / width) * dim + j) * width + i % width];
    }

    /** Vector i, row-major, into {@code out} at {@code offset}. */
    void copyRow(int i, float[] out, int offset) {
        for (int j = 0; j < dim; j++) {
            out[offset + j] = get(i, j);
        }
    }
}
