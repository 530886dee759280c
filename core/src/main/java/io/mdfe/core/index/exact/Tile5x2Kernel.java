package io.mdfe.core.index.exact;

import jdk.incubator.vector.FloatVector;

/**
 * The tile for 16 vector registers (AVX2): 5 x 2 SIMD accumulators (5 queries x 2 panels). Per
 * dimension the 2 panel loads stay in registers while each query's broadcast is used for 2 FMAs.
 * With the block layout of {@link Panels} and of {@link ScoreKernel#queryLayout} every load is at a
 * constant offset from one of two moving indexes, so an iteration is 10 FMAs, 7 loads and 4 integer
 * instructions. The 4 x 3 tile it replaced (3 panels a stride apart, queries a row apart) spent about
 * 25 integer instructions per iteration on addresses and stack reloads, more than the front end
 * could issue beside the FMAs. 10 accumulators leave C2 headroom: it hoists broadcasts and holds
 * values for the hit test, and with 12 (6 x 2, or 4 x 3 in this layout) it spilled one accumulator
 * inside the loop in a real search, which then ran at 60% of the speed (the spill's store and
 * reload sit on that accumulator's chain). On an AMD EPYC Zen 3 in one JVM, alternating, GFLOP/s per
 * core with the data in L2, median (best) of 12, before spills: 6x2 79 (93), 5x2 67 (88), 4x2 59 (79),
 * 3x3 59 (73), old 4x3 44 (62).
 */
final class Tile5x2Kernel extends VectorKernel {

    Tile5x2Kernel() {
        super(5, 2);
    }

    @Override
    public int tile(Panels panels, int panel, float[] queries, int row, float[] thresholds, float[] scores) {
        float[] x = panels.data;
        int b = panel * L;
        FloatVector a00 = FloatVector.fromArray(S, panels.bias, b);
        FloatVector a01 = FloatVector.fromArray(S, panels.bias, b + L);
        FloatVector a10 = a00, a11 = a01;
        FloatVector a20 = a00, a21 = a01;
        FloatVector a30 = a00, a31 = a01;
        FloatVector a40 = a00, a41 = a01;
        int xo = panel * panels.dim * L;
        int qo = row * panels.dim;
        int end = qo + 5 * panels.dim;
        for (; qo < end; qo += 5, xo += 2 * L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xo);
            FloatVector v1 = FloatVector.fromArray(S, x, xo + L);
            FloatVector w = FloatVector.broadcast(S, queries[qo]);
            a00 = v0.fma(w, a00);
            a01 = v1.fma(w, a01);
            w = FloatVector.broadcast(S, queries[qo + 1]);
            a10 = v0.fma(w, a10);
            a11 = v1.fma(w, a11);
            w = FloatVector.broadcast(S, queries[qo + 2]);
            a20 = v0.fma(w, a20);
            a21 = v1.fma(w, a21);
            w = FloatVector.broadcast(S, queries[qo + 3]);
            a30 = v0.fma(w, a30);
            a31 = v1.fma(w, a31);
            w = FloatVector.broadcast(S, queries[qo + 4]);
            a40 = v0.fma(w, a40);
            a41 = v1.fma(w, a41);
        }
        int hits = 0;
        a00.intoArray(scores, 0);
        a01.intoArray(scores, L);
        if (above(a00.max(a01), thresholds[row])) {
            hits |= 1;
        }
        a10.intoArray(scores, 2 * L);
        a11.intoArray(scores, 3 * L);
        if (above(a10.max(a11), thresholds[row + 1])) {
            hits |= 2;
        }
        a20.intoArray(scores, 4 * L);
        a21.intoArray(scores, 5 * L);
        if (above(a20.max(a21), thresholds[row + 2])) {
            hits |= 4;
        }
        a30.intoArray(scores, 6 * L);
        a31.intoArray(scores, 7 * L);
        if (above(a30.max(a31), thresholds[row + 3])) {
            hits |= 8;
        }
        a40.intoArray(scores, 8 * L);
        a41.intoArray(scores, 9 * L);
        if (above(a40.max(a41), thresholds[row + 4])) {
            hits |= 16;
        }
        return hits;
    }
}
