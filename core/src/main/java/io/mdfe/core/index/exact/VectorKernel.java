package io.mdfe.core.index.exact;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fast {@link ScoreKernel}: a 4 x 4 register tile of SIMD accumulators (4 queries x 4 panels;
 * 16 of the 32 AVX-512 registers), one broadcast per query and one load per panel per dimension, so
 * the loop is bound by FMA throughput. Accumulators start at the panel's bias, so the euclidean
 * term costs nothing. The tile stays one small method (just the loop and 16 stores): when C2 has to
 * inline much more into it, it hits its node-count cutoff, leaves some {@code fma} calls as real
 * calls, and every tile then boxes vectors and runs the Vector API's Java fallback (5x slower).
 * Needs {@code --add-modules jdk.incubator.vector} (JDK 17 incubator).
 */
final class VectorKernel implements ScoreKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Narrower than 8 lanes, the scalar kernel is as fast. */
    static boolean usable() {
        return L >= 8;
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void tile(Panels panels, int panel, float[] queries, int row, float[] scores) {
        int dim = panels.dim;
        float[] x = panels.data;
        int stride = dim * L;
        int b = panel * L;
        FloatVector a00 = FloatVector.fromArray(S, panels.bias, b);
        FloatVector a01 = FloatVector.fromArray(S, panels.bias, b + L);
        FloatVector a02 = FloatVector.fromArray(S, panels.bias, b + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, panels.bias, b + 3 * L);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
        FloatVector a20 = a00, a21 = a01, a22 = a02, a23 = a03;
        FloatVector a30 = a00, a31 = a01, a32 = a02, a33 = a03;
        int q0 = row * dim;
        int x0 = panel * stride;
        for (int j = 0; j < dim; j++) {
            int xo = x0 + j * L;
            FloatVector v0 = FloatVector.fromArray(S, x, xo);
            FloatVector v1 = FloatVector.fromArray(S, x, xo + stride);
            FloatVector v2 = FloatVector.fromArray(S, x, xo + 2 * stride);
            FloatVector v3 = FloatVector.fromArray(S, x, xo + 3 * stride);
            FloatVector w = FloatVector.broadcast(S, queries[q0 + j]);
            a00 = v0.fma(w, a00);
            a01 = v1.fma(w, a01);
            a02 = v2.fma(w, a02);
            a03 = v3.fma(w, a03);
            w = FloatVector.broadcast(S, queries[q0 + dim + j]);
            a10 = v0.fma(w, a10);
            a11 = v1.fma(w, a11);
            a12 = v2.fma(w, a12);
            a13 = v3.fma(w, a13);
            w = FloatVector.broadcast(S, queries[q0 + 2 * dim + j]);
            a20 = v0.fma(w, a20);
            a21 = v1.fma(w, a21);
            a22 = v2.fma(w, a22);
            a23 = v3.fma(w, a23);
            w = FloatVector.broadcast(S, queries[q0 + 3 * dim + j]);
            a30 = v0.fma(w, a30);
            a31 = v1.fma(w, a31);
            a32 = v2.fma(w, a32);
            a33 = v3.fma(w, a33);
        }
        spill(a00, a01, a02, a03, scores, 0);
        spill(a10, a11, a12, a13, scores, 1);
        spill(a20, a21, a22, a23, scores, 2);
        spill(a30, a31, a32, a33, scores, 3);
    }

    private static void spill(FloatVector s0, FloatVector s1, FloatVector s2, FloatVector s3, float[] scores, int r) {
        int at = r * Panels.GROUP * L;
        s0.intoArray(scores, at);
        s1.intoArray(scores, at + L);
        s2.intoArray(scores, at + 2 * L);
        s3.intoArray(scores, at + 3 * L);
    }

    /** Lane-wise max, then one reduction per query (JDK 17's 512-bit mask tests fall back to Java code). */
    @Override
    public int rowsAbove(float[] scores, TopCandidates[] tops, int row) {
        int hits = 0;
        for (int r = 0; r < ROWS; r++) {
            int at = r * Panels.GROUP * L;
            FloatVector m = FloatVector.fromArray(S, scores, at).max(FloatVector.fromArray(S, scores, at + L))
                    .max(FloatVector.fromArray(S, scores, at + 2 * L).max(FloatVector.fromArray(S, scores, at + 3 * L)));
            if (m.reduceLanes(VectorOperators.MAX) > tops[row + r].threshold()) {
                hits |= 1 << r;
            }
        }
        return hits;
    }
}
