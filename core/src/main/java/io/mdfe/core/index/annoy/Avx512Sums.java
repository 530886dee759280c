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

    /** annoylib's {@code euclidean_distance(x, y)} of two arrays (two-means during a build). */
    static float squaredDistance(float[] x, float[] y) {
        int z = 0;
        float result = 0;
        if (x.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= x.length; z += L) {
                FloatVector diff = FloatVector.fromArray(S, x, z).sub(FloatVector.fromArray(S, y, z));
                d = diff.fma(diff, d);
            }
            result = reduceAdd(d);
        }
        for (; z < x.length; z++) {
            float t = x[z] - y[z];
            result += t * t;
        }
        return result;
    }

    /** annoylib's {@code dot(x, y)} of two arrays (the query's own norm, and build-side sums). */
    static float dot(float[] x, float[] y) {
        int z = 0;
        float result = 0;
        if (x.length >= L) {
            FloatVector d = FloatVector.zero(S);
            for (; z + L <= x.length; z += L) {
                d = FloatVector.fromArray(S, x, z).fma(FloatVector.fromArray(S, y, z), d);
            }
            result += reduceAdd(d);
        }
        for (; z < x.length; z++) {
            result += x[z] * y[z];
        }
        return result;
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
