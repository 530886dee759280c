package io.mdfe.core.index.exact;

import jdk.incubator.vector.FloatVector;

/**
 * The tile for 32 vector registers (AVX-512, also at 256 bits; AArch64): 6 x 4 SIMD accumulators
 * (6 queries x 4 panels; 24 of the 32 registers, plus 6 broadcasts and one panel load in flight).
 * With AVX2's 16 registers it spills (a third of the FMA peak); {@link Tile5x2Kernel} is that tile. Per dimension it
 * issues 24 FMAs for 6 broadcasts and 4 loads; the 4 x 4 tile it replaced spent a broadcast on every
 * 4 FMAs and ran 10% slower (90 vs 100 GFLOP/s per core with the data in L1, 80 vs 88 over a full
 * 1.4M-vector search). Accumulators start at the panel's bias, so the euclidean term costs nothing.
 * The tile stays one small method (the loop, the stores and {@link #rowsAbove}, which tests the
 * stored scores: testing the 24 accumulators in registers, as {@link Tile5x2Kernel} does, measured
 * slower here, 105-132 vs 160-181 GFLOP/s at 512 bits): when C2 has to inline much more
 * into it, it hits its node-count cutoff, leaves some {@code fma} calls as real calls, and every
 * tile then boxes vectors and runs the Vector API's Java fallback (5x slower).
 */
final class Tile6x4Kernel extends VectorKernel {

    Tile6x4Kernel() {
        super(6, 4);
    }

    @Override
    public int tile(Panels panels, int panel, float[] queries, int row, float[] thresholds, float[] scores) {
        float[] x = panels.data;
        int b = panel * L;
        FloatVector a00 = FloatVector.fromArray(S, panels.bias, b);
        FloatVector a01 = FloatVector.fromArray(S, panels.bias, b + L);
        FloatVector a02 = FloatVector.fromArray(S, panels.bias, b + 2 * L);
        FloatVector a03 = FloatVector.fromArray(S, panels.bias, b + 3 * L);
        FloatVector a10 = a00, a11 = a01, a12 = a02, a13 = a03;
        FloatVector a20 = a00, a21 = a01, a22 = a02, a23 = a03;
        FloatVector a30 = a00, a31 = a01, a32 = a02, a33 = a03;
        FloatVector a40 = a00, a41 = a01, a42 = a02, a43 = a03;
        FloatVector a50 = a00, a51 = a01, a52 = a02, a53 = a03;
        // the block layouts (Panels, queryLayout): every load at a constant offset from xo or qo
        int xo = panel * panels.dim * L;
        int qo = row * panels.dim;
        int end = qo + 6 * panels.dim;
        for (; qo < end; qo += 6, xo += 4 * L) {
            FloatVector w0 = FloatVector.broadcast(S, queries[qo]);
            FloatVector w1 = FloatVector.broadcast(S, queries[qo + 1]);
            FloatVector w2 = FloatVector.broadcast(S, queries[qo + 2]);
            FloatVector w3 = FloatVector.broadcast(S, queries[qo + 3]);
            FloatVector w4 = FloatVector.broadcast(S, queries[qo + 4]);
            FloatVector w5 = FloatVector.broadcast(S, queries[qo + 5]);
            FloatVector v0 = FloatVector.fromArray(S, x, xo);
            a00 = v0.fma(w0, a00);
            a10 = v0.fma(w1, a10);
            a20 = v0.fma(w2, a20);
            a30 = v0.fma(w3, a30);
            a40 = v0.fma(w4, a40);
            a50 = v0.fma(w5, a50);
            FloatVector v1 = FloatVector.fromArray(S, x, xo + L);
            a01 = v1.fma(w0, a01);
            a11 = v1.fma(w1, a11);
            a21 = v1.fma(w2, a21);
            a31 = v1.fma(w3, a31);
            a41 = v1.fma(w4, a41);
            a51 = v1.fma(w5, a51);
            FloatVector v2 = FloatVector.fromArray(S, x, xo + 2 * L);
            a02 = v2.fma(w0, a02);
            a12 = v2.fma(w1, a12);
            a22 = v2.fma(w2, a22);
            a32 = v2.fma(w3, a32);
            a42 = v2.fma(w4, a42);
            a52 = v2.fma(w5, a52);
            FloatVector v3 = FloatVector.fromArray(S, x, xo + 3 * L);
            a03 = v3.fma(w0, a03);
            a13 = v3.fma(w1, a13);
            a23 = v3.fma(w2, a23);
            a33 = v3.fma(w3, a33);
            a43 = v3.fma(w4, a43);
            a53 = v3.fma(w5, a53);
        }
        a00.intoArray(scores, 0);
        a01.intoArray(scores, L);
        a02.intoArray(scores, 2 * L);
        a03.intoArray(scores, 3 * L);
        a10.intoArray(scores, 4 * L);
        a11.intoArray(scores, 5 * L);
        a12.intoArray(scores, 6 * L);
        a13.intoArray(scores, 7 * L);
        a20.intoArray(scores, 8 * L);
        a21.intoArray(scores, 9 * L);
        a22.intoArray(scores, 10 * L);
        a23.intoArray(scores, 11 * L);
        a30.intoArray(scores, 12 * L);
        a31.intoArray(scores, 13 * L);
        a32.intoArray(scores, 14 * L);
        a33.intoArray(scores, 15 * L);
        a40.intoArray(scores, 16 * L);
        a41.intoArray(scores, 17 * L);
        a42.intoArray(scores, 18 * L);
        a43.intoArray(scores, 19 * L);
        a50.intoArray(scores, 20 * L);
        a51.intoArray(scores, 21 * L);
        a52.intoArray(scores, 22 * L);
        a53.intoArray(scores, 23 * L);
        return rowsAbove(scores, thresholds, row);
    }
}
