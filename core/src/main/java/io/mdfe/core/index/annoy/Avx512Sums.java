package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * annoylib's {@code USE_AVX512} {@code dot} and {@code euclidean_distance} (g++ with AVX-512F, e.g.
 * {@code -march=native} as Python's wheel is built here), reproduced bit for bit: 16 running sums,
 * one {@code _mm512_fmadd_ps} per 16 dimensions, then {@code _mm512_reduce_add_ps}'s tree, then the
 * remaining {@code dim % 16} terms in order, multiplied and added separately ({@link ScalarSums}'
 * loops, continued; g++ does not contract them there, AnnoyInteropTest checks it at 24-d). Needs {@code jdk.incubator.vector}; faster than
 * the scalar order ({@link ScalarSums}) because the 16 sums are independent.
 */
final class Avx512Sums {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int L = 16;
    /** Lane {@code i} swapped with lane {@code i ^ w}: one halving step of the reduction. */
    private static final VectorShuffle<Float> SWAP8 = VectorShuffle.fromOp(S, i -> i ^ 8);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(S, i -> i ^ 4);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(S, i -> i ^ 2);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** Lanes 8-15 (lanes 4-7 and 12-15): where the paired reductions take their second operand's lanes. */
    private static final VectorMask<Float> HIGH8 = VectorMask.fromLong(S, 0xff00L);
    private static final VectorMask<Float> LOW8 = VectorMask.fromLong(S, 0x00ffL);
    private static final VectorMask<Float> HIGH4 = VectorMask.fromLong(S, 0xf0f0L);
    private static final VectorMask<Float> LOW4 = VectorMask.fromLong(S, 0x0f0fL);

    private Avx512Sums() {
    }

    /** True when this CPU's preferred vectors are 512 bits wide, so these sums run as single instructions. */
    static boolean nativeWidth() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() == S.vectorBitSize();
    }

    /** annoylib's {@code dot(node.v, q)}: {@code result = 0 + reduce(sums)}, then the tail. */
    static float dot(ByteBuffer b, int at, float[] q) {
        int z = 0;
        float result = 0;
        if (q.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= q.length; z += L) {
                d = FloatVector.fromByteBuffer(S, b, at + 4 * z, ByteOrder.LITTLE_ENDIAN)
                        .fma(FloatVector.fromArray(S, q, z), d);
            }
            result += reduceAdd(d);
        }
        return ScalarSums.nodeFrom(false, z, result, b, at, q);
    }

    /** annoylib's {@code euclidean_distance(node.v, q)}: {@code result = reduce(sums)}, then the tail. */
    static float squaredDistance(ByteBuffer b, int at, float[] q) {
        int z = 0;
        float result = 0;
        if (q.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= q.length; z += L) {
                FloatVector diff = FloatVector.fromByteBuffer(S, b, at + 4 * z, ByteOrder.LITTLE_ENDIAN)
                        .sub(FloatVector.fromArray(S, q, z));
                d = diff.fma(diff, d);
            }
            result = reduceAdd(d);
        }
        return ScalarSums.nodeFrom(true, z, result, b, at, q);
    }

    /**
     * {@link #dot(ByteBuffer, int, float[])} ({@code squared == false}) or
     * {@link #squaredDistance(ByteBuffer, int, float[])} of four stored vectors at once into
     * {@code out[outAt..outAt+3]}, each summed as those sum it; the four nodes' reads overlap.
     */
    static void nodes4(boolean squared, float[] q, ByteBuffer b0, int at0, ByteBuffer b1, int at1, ByteBuffer b2,
                       int at2, ByteBuffer b3, int at3, float[] out, int outAt) {
        int z = 0;
        float r0 = 0;
        float r1 = 0;
        float r2 = 0;
        float r3 = 0;
        if (q.length >= L) {
            FloatVector d0 = FloatVector.zero(S);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (; z + L <= q.length; z += L) {
                FloatVector qz = FloatVector.fromArray(S, q, z);
                FloatVector v0 = FloatVector.fromByteBuffer(S, b0, at0 + 4 * z, ByteOrder.LITTLE_ENDIAN);
                FloatVector v1 = FloatVector.fromByteBuffer(S, b1, at1 + 4 * z, ByteOrder.LITTLE_ENDIAN);
                FloatVector v2 = FloatVector.fromByteBuffer(S, b2, at2 + 4 * z, ByteOrder.LITTLE_ENDIAN);
                FloatVector v3 = FloatVector.fromByteBuffer(S, b3, at3 + 4 * z, ByteOrder.LITTLE_ENDIAN);
                if (squared) {
                    v0 = v0.sub(qz);
                    v1 = v1.sub(qz);
                    v2 = v2.sub(qz);
                    v3 = v3.sub(qz);
                    d0 = v0.fma(v0, d0);
                    d1 = v1.fma(v1, d1);
                    d2 = v2.fma(v2, d2);
                    d3 = v3.fma(v3, d3);
                } else {
                    d0 = v0.fma(qz, d0);
                    d1 = v1.fma(qz, d1);
                    d2 = v2.fma(qz, d2);
                    d3 = v3.fma(qz, d3);
                }
            }
            // dot's result is 0 + the sum, squaredDistance's the sum itself (they differ for -0)
            FloatVector sums = reduceAdd4(d0, d1, d2, d3);
            r0 = squared ? sums.lane(0) : 0 + sums.lane(0);
            r1 = squared ? sums.lane(8) : 0 + sums.lane(8);
            r2 = squared ? sums.lane(4) : 0 + sums.lane(4);
            r3 = squared ? sums.lane(12) : 0 + sums.lane(12);
        }
        out[outAt] = r0;
        out[outAt + 1] = r1;
        out[outAt + 2] = r2;
        out[outAt + 3] = r3;
        ScalarSums.nodes4From(squared, z, q, b0, at0, b1, at1, b2, at2, b3, at3, out, outAt);
    }

    /** annoylib's {@code dot(x, y)} of the {@code n} floats from {@code x[xAt]} and {@code y[yAt]}. */
    static float dot(float[] x, int xAt, float[] y, int yAt, int n) {
        int z = 0;
        float result = 0;
        if (n >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= n; z += L) {
                d = FloatVector.fromArray(S, x, xAt + z).fma(FloatVector.fromArray(S, y, yAt + z), d);
            }
            result += reduceAdd(d);
        }
        return ScalarSums.dotFrom(z, result, x, xAt, y, yAt, n);
    }

    /**
     * {@code dot(x, y_i)} of four vectors {@code y_i} at once into {@code out[outAt..outAt+3]}, each
     * exactly as {@link #dot(float[], int, float[], int, int)} sums it: four independent chains, so
     * four items' memory reads overlap (a build's margins are memory-bound).
     */
    static void dot4(float[] x, float[] y0, int a0, float[] y1, int a1, float[] y2, int a2, float[] y3, int a3,
                     int n, float[] out, int outAt) {
        int z = 0;
        float r0 = 0;
        float r1 = 0;
        float r2 = 0;
        float r3 = 0;
        if (n >= L) {
            FloatVector d0 = FloatVector.zero(S);
            FloatVector d1 = d0;
            FloatVector d2 = d0;
            FloatVector d3 = d0;
            for (; z + L <= n; z += L) {
                FloatVector xz = FloatVector.fromArray(S, x, z);
                d0 = xz.fma(FloatVector.fromArray(S, y0, a0 + z), d0);
                d1 = xz.fma(FloatVector.fromArray(S, y1, a1 + z), d1);
                d2 = xz.fma(FloatVector.fromArray(S, y2, a2 + z), d2);
                d3 = xz.fma(FloatVector.fromArray(S, y3, a3 + z), d3);
            }
            FloatVector sums = reduceAdd4(d0, d1, d2, d3);
            r0 += sums.lane(0);
            r1 += sums.lane(8);
            r2 += sums.lane(4);
            r3 += sums.lane(12);
        }
        out[outAt] = r0;
        out[outAt + 1] = r1;
        out[outAt + 2] = r2;
        out[outAt + 3] = r3;
        ScalarSums.dot4From(z, x, y0, a0, y1, a1, y2, a2, y3, a3, n, out, outAt);
    }

    /** {@code dot(x0, y)} and {@code dot(x1, y)} into {@code out[0..1]}, each as {@link #dot} sums it. */
    static void dot2(float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        int z = 0;
        float r0 = 0;
        float r1 = 0;
        if (n >= L) {
            FloatVector d0 = FloatVector.zero(S);
            FloatVector d1 = d0;
            for (; z + L <= n; z += L) {
                FloatVector yz = FloatVector.fromArray(S, y, yAt + z);
                d0 = FloatVector.fromArray(S, x0, z).fma(yz, d0);
                d1 = FloatVector.fromArray(S, x1, z).fma(yz, d1);
            }
            FloatVector sums = reduceAdd2(d0, d1);
            r0 += sums.lane(0);
            r1 += sums.lane(8);
        }
        out[0] = r0;
        out[1] = r1;
        ScalarSums.pairFrom(false, z, x0, x1, y, yAt, n, out);
    }

    /**
     * {@code euclidean_distance(x0, y)} and {@code (x1, y)} into {@code out[0..1]}, each as
     * {@link #squaredDistance(ByteBuffer, int, float[])} sums it; {@code y} is read once.
     */
    static void squaredDistance2(float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        int z = 0;
        float r0 = 0;
        float r1 = 0;
        if (n >= L) {
            FloatVector d0 = FloatVector.zero(S);
            FloatVector d1 = d0;
            for (; z + L <= n; z += L) {
                FloatVector yz = FloatVector.fromArray(S, y, yAt + z);
                FloatVector t0 = FloatVector.fromArray(S, x0, z).sub(yz);
                FloatVector t1 = FloatVector.fromArray(S, x1, z).sub(yz);
                d0 = t0.fma(t0, d0);
                d1 = t1.fma(t1, d1);
            }
            FloatVector sums = reduceAdd2(d0, d1);
            r0 = sums.lane(0);
            r1 = sums.lane(8);
        }
        out[0] = r0;
        out[1] = r1;
        ScalarSums.pairFrom(true, z, x0, x1, y, yAt, n, out);
    }

    /**
     * two-means' centroid update {@code c[z] = (c[z] * n + v[at + z] / norm) / (n + 1)}, 16 lanes at a
     * time: each lane does the scalar loop's IEEE operations (no FMA), so the result is the same in
     * either order; only faster (the divisions dominate a build's update step). Dividing by a norm
     * of 1 (Euclidean's) is skipped: it is exact.
     */
    static void moveToward(float[] c, int n, float[] v, int at, float norm) {
        float weight = n;
        float total = n + 1;
        int z = 0;
        for (; z + L <= c.length; z += L) {
            FloatVector x = FloatVector.fromArray(S, v, at + z);
            if (norm != 1) {
                x = x.div(norm);
            }
            FloatVector.fromArray(S, c, z).mul(weight).add(x).div(total).intoArray(c, z);
        }
        for (; z < c.length; z++) {
            c[z] = (c[z] * weight + v[at + z] / norm) / total;
        }
    }

    /**
     * {@link #reduceAdd} of four vectors with lanes of one register doing the four reductions' same
     * steps side by side: the sums of {@code a, b, c, d} end in lanes 0, 8, 4 and 12. Each lane adds
     * exactly the pairs {@code reduceAdd} adds, so the sums are the same; it takes a quarter of the
     * instructions, which lets more items' memory reads be in flight.
     */
    private static FloatVector reduceAdd4(FloatVector a, FloatVector b, FloatVector c, FloatVector d) {
        FloatVector ab = addHalves(a, b);
        FloatVector cd = addHalves(c, d);
        // per quarter, the (i, i+4) halves of ab's and cd's eights: a in 0-3, c in 4-7, b in 8-11, d in 12-15
        FloatVector s = ab.blend(cd.rearrange(SWAP4), HIGH4).add(cd.blend(ab.rearrange(SWAP4), LOW4));
        s = s.add(s.rearrange(SWAP2));
        return s.add(s.rearrange(SWAP1));
    }

    /** {@link #reduceAdd} of two vectors side by side, as {@link #reduceAdd4}: the sums end in lanes 0 and 8. */
    private static FloatVector reduceAdd2(FloatVector a, FloatVector b) {
        FloatVector s = addHalves(a, b);
        s = s.add(s.rearrange(SWAP4));
        s = s.add(s.rearrange(SWAP2));
        return s.add(s.rearrange(SWAP1));
    }

    /** The reductions' first step for two vectors: lanes 0-7 {@code a[i] + a[i+8]}, lanes 8-15 {@code b[i-8] + b[i]}. */
    private static FloatVector addHalves(FloatVector a, FloatVector b) {
        return a.blend(b.rearrange(SWAP8), HIGH8).add(b.blend(a.rearrange(SWAP8), LOW8));
    }

    /**
     * g++'s {@code _mm512_reduce_add_ps}: halves added lane by lane (256, then 128 bits), then lanes
     * {0,2} and {1,3}, then the two: {@code (t0 + t2) + (t1 + t3)} with
     * {@code ti = (di + d(i+8)) + (d(i+4) + d(i+12))}. {@code reduceLanes(ADD)} leaves its order
     * unspecified; lane swaps keep the sums in the vector register (16 lane extractions did not).
     */
    private static float reduceAdd(FloatVector d) {
        FloatVector s = d.add(d.rearrange(SWAP8));
        s = s.add(s.rearrange(SWAP4));
        s = s.add(s.rearrange(SWAP2));
        return s.add(s.rearrange(SWAP1)).lane(0);
    }
}
