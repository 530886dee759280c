package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * annoylib's {@code USE_AVX} {@code dot} and {@code euclidean_distance} (g++ with AVX but no
 * AVX-512F, e.g. {@code -mavx -mfma} on an AVX2 CPU), reproduced bit for bit: 8 running sums, each
 * term {@code _mm256_add_ps(d, _mm256_mul_ps(x, y))} (a rounded product, then a rounded sum: the
 * source writes no FMA), then {@code hsum256_ps_avx}'s tree, then the remaining {@code dim % 8}
 * terms in order ({@link ScalarSums}' loops, continued). Same API as {@link Avx512Sums}; the
 * multi-vector forms keep their chains independent so that several items' memory reads overlap.
 * Needs {@code jdk.incubator.vector}.
 */
final class AvxSums {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;

    private AvxSums() {
    }

    /** True when this JVM runs 256-bit float vectors as single instructions. */
    static boolean nativeWidth() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= S.vectorBitSize();
    }

    /** annoylib's {@code dot(node.v, q)}: {@code result = 0 + hsum(sums)}, then the tail. */
    static float dot(ByteBuffer b, int at, float[] q) {
        int z = 0;
        float result = 0;
        if (q.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= q.length; z += L) {
                d = d.add(node(b, at, z).mul(FloatVector.fromArray(S, q, z)));
            }
            result += hsum(d);
        }
        return ScalarSums.nodeFrom(false, z, result, b, at, q);
    }

    /** annoylib's {@code euclidean_distance(node.v, q)}: {@code result = hsum(sums)}, then the tail. */
    static float squaredDistance(ByteBuffer b, int at, float[] q) {
        int z = 0;
        float result = 0;
        if (q.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= q.length; z += L) {
                FloatVector diff = node(b, at, z).sub(FloatVector.fromArray(S, q, z));
                d = d.add(diff.mul(diff));
            }
            result = hsum(d);
        }
        return ScalarSums.nodeFrom(true, z, result, b, at, q);
    }

    /** As {@link Avx512Sums#nodes4}, in this class's order. */
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
                FloatVector v0 = node(b0, at0, z);
                FloatVector v1 = node(b1, at1, z);
                FloatVector v2 = node(b2, at2, z);
                FloatVector v3 = node(b3, at3, z);
                if (squared) {
                    v0 = v0.sub(qz);
                    v1 = v1.sub(qz);
                    v2 = v2.sub(qz);
                    v3 = v3.sub(qz);
                    d0 = d0.add(v0.mul(v0));
                    d1 = d1.add(v1.mul(v1));
                    d2 = d2.add(v2.mul(v2));
                    d3 = d3.add(v3.mul(v3));
                } else {
                    d0 = d0.add(v0.mul(qz));
                    d1 = d1.add(v1.mul(qz));
                    d2 = d2.add(v2.mul(qz));
                    d3 = d3.add(v3.mul(qz));
                }
            }
            // dot's result is 0 + the sum, squaredDistance's the sum itself (they differ for -0)
            r0 = squared ? hsum(d0) : 0 + hsum(d0);
            r1 = squared ? hsum(d1) : 0 + hsum(d1);
            r2 = squared ? hsum(d2) : 0 + hsum(d2);
            r3 = squared ? hsum(d3) : 0 + hsum(d3);
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
                d = d.add(FloatVector.fromArray(S, x, xAt + z).mul(FloatVector.fromArray(S, y, yAt + z)));
            }
            result += hsum(d);
        }
        return ScalarSums.dotFrom(z, result, x, xAt, y, yAt, n);
    }

    /** As {@link Avx512Sums#dot4}, in this class's order. */
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
                d0 = d0.add(xz.mul(FloatVector.fromArray(S, y0, a0 + z)));
                d1 = d1.add(xz.mul(FloatVector.fromArray(S, y1, a1 + z)));
                d2 = d2.add(xz.mul(FloatVector.fromArray(S, y2, a2 + z)));
                d3 = d3.add(xz.mul(FloatVector.fromArray(S, y3, a3 + z)));
            }
            r0 += hsum(d0);
            r1 += hsum(d1);
            r2 += hsum(d2);
            r3 += hsum(d3);
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
                d0 = d0.add(FloatVector.fromArray(S, x0, z).mul(yz));
                d1 = d1.add(FloatVector.fromArray(S, x1, z).mul(yz));
            }
            r0 += hsum(d0);
            r1 += hsum(d1);
        }
        out[0] = r0;
        out[1] = r1;
        ScalarSums.pairFrom(false, z, x0, x1, y, yAt, n, out);
    }

    /** {@code euclidean_distance(x0, y)} and {@code (x1, y)} into {@code out[0..1]}; {@code y} is read once. */
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
                d0 = d0.add(t0.mul(t0));
                d1 = d1.add(t1.mul(t1));
            }
            r0 = hsum(d0);
            r1 = hsum(d1);
        }
        out[0] = r0;
        out[1] = r1;
        ScalarSums.pairFrom(true, z, x0, x1, y, yAt, n, out);
    }

    /** As {@link Avx512Sums#moveToward} (lane-wise IEEE operations, so any width gives the same bits), 8 lanes. */
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

    private static FloatVector node(ByteBuffer b, int at, int z) {
        return FloatVector.fromByteBuffer(S, b, at + 4 * z, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@code hsum256_ps_avx}: the 128-bit halves added lane by lane, then lanes {0,2} and {1,3}, then
     * the two: {@code ((d0 + d4) + (d2 + d6)) + ((d1 + d5) + (d3 + d7))}. Eight lane extractions beat
     * three lane swaps here: JDK 17 checks a swap's indexes at run time (0.5-1 s of a 50k x 100-tree
     * build on a Zen 3).
     */
    private static float hsum(FloatVector d) {
        return ((d.lane(0) + d.lane(4)) + (d.lane(2) + d.lane(6))) + ((d.lane(1) + d.lane(5)) + (d.lane(3) + d.lane(7)));
    }
}
