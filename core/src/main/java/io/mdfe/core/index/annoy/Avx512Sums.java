package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * annoylib's {@code USE_AVX512} {@code dot} and {@code euclidean_distance} (g++ with AVX-512F, e.g.
 * {@code -march=native} as Python's wheel is built here), reproduced bit for bit: 16 running sums,
 * one {@code _mm512_fmadd_ps} per 16 dimensions, then {@code _mm512_reduce_add_ps}'s tree, then the
 * remaining {@code dim % 16} terms in order, multiplied and added separately (g++ does not contract
 * them there; AnnoyInteropTest checks it at 24-d). Needs {@code jdk.incubator.vector}; faster than
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

    private Avx512Sums() {
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
        for (; z < q.length; z++) {
            result += b.getFloat(at + 4 * z) * q[z];
        }
        return result;
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
        for (; z < q.length; z++) {
            float t = b.getFloat(at + 4 * z) - q[z];
            result += t * t;
        }
        return result;
    }

    /** annoylib's {@code euclidean_distance(x, y)} of the {@code n} floats from {@code x[xAt]} and {@code y[yAt]}. */
    static float squaredDistance(float[] x, int xAt, float[] y, int yAt, int n) {
        int z = 0;
        float result = 0;
        if (n >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= n; z += L) {
                FloatVector diff = FloatVector.fromArray(S, x, xAt + z).sub(FloatVector.fromArray(S, y, yAt + z));
                d = diff.fma(diff, d);
            }
            result = reduceAdd(d);
        }
        for (; z < n; z++) {
            float t = x[xAt + z] - y[yAt + z];
            result += t * t;
        }
        return result;
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
        for (; z < n; z++) {
            result += x[xAt + z] * y[yAt + z];
        }
        return result;
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
