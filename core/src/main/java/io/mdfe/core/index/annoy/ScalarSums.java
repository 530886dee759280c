package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * annoylib's portable {@code dot} and {@code euclidean_distance} (no AVX, e.g. g++ {@code -O2}):
 * one running sum, term by term in order, each product rounded before it is added (Java never
 * contracts to FMA). The order byte-identical files depend on; see {@link Avx512Sums} for the other.
 *
 * <p>Each sum also has a {@code ...From} form that continues given running sums from dimension
 * {@code from} on: annoylib's AVX-512 functions end with exactly this loop over the dimensions left
 * after their 16-lane blocks, so {@link Avx512Sums} finishes its sums here.
 */
final class ScalarSums {

    private ScalarSums() {
    }

    /** {@code dot(x, y)} of the {@code n} floats from {@code x[xAt]} and {@code y[yAt]}. */
    static float dot(float[] x, int xAt, float[] y, int yAt, int n) {
        return dotFrom(0, 0f, x, xAt, y, yAt, n);
    }

    /** {@code s} plus the terms {@code from .. n-1} of {@link #dot(float[], int, float[], int, int)}, in order. */
    static float dotFrom(int from, float s, float[] x, int xAt, float[] y, int yAt, int n) {
        for (int z = from; z < n; z++) {
            s += x[xAt + z] * y[yAt + z];
        }
        return s;
    }

    /**
     * {@code dot(x, y_i)} of four vectors {@code y_i} at once into {@code out[outAt..outAt+3]}: four
     * independent running sums (each the same as {@link #dot}'s), so their memory reads overlap.
     */
    static void dot4(float[] x, float[] y0, int a0, float[] y1, int a1, float[] y2, int a2, float[] y3, int a3,
                     int n, float[] out, int outAt) {
        Arrays.fill(out, outAt, outAt + 4, 0f);
        dot4From(0, x, y0, a0, y1, a1, y2, a2, y3, a3, n, out, outAt);
    }

    /** Continues the four sums in {@code out[outAt..outAt+3]} of {@link #dot4} from dimension {@code from}. */
    static void dot4From(int from, float[] x, float[] y0, int a0, float[] y1, int a1, float[] y2, int a2, float[] y3,
                         int a3, int n, float[] out, int outAt) {
        float s0 = out[outAt];
        float s1 = out[outAt + 1];
        float s2 = out[outAt + 2];
        float s3 = out[outAt + 3];
        for (int z = from; z < n; z++) {
            float xz = x[z];
            s0 += xz * y0[a0 + z];
            s1 += xz * y1[a1 + z];
            s2 += xz * y2[a2 + z];
            s3 += xz * y3[a3 + z];
        }
        out[outAt] = s0;
        out[outAt + 1] = s1;
        out[outAt + 2] = s2;
        out[outAt + 3] = s3;
    }

    /** {@code dot(x0, y)} and {@code dot(x1, y)} into {@code out[0..1]}: two independent running sums. */
    static void dot2(float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        Arrays.fill(out, 0, 2, 0f);
        pairFrom(false, 0, x0, x1, y, yAt, n, out);
    }

    /** {@code euclidean_distance(x0, y)} and {@code (x1, y)} into {@code out[0..1]}, as {@link #dot2}. */
    static void squaredDistance2(float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        Arrays.fill(out, 0, 2, 0f);
        pairFrom(true, 0, x0, x1, y, yAt, n, out);
    }

    /** Continues the sums in {@code out[0..1]} of {@link #squaredDistance2} ({@code squared}) or {@link #dot2}. */
    static void pairFrom(boolean squared, int from, float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        float s0 = out[0];
        float s1 = out[1];
        for (int z = from; z < n; z++) {
            float yz = y[yAt + z];
            if (squared) {
                float t0 = x0[z] - yz;
                float t1 = x1[z] - yz;
                s0 += t0 * t0;
                s1 += t1 * t1;
            } else {
                s0 += x0[z] * yz;
                s1 += x1[z] * yz;
            }
        }
        out[0] = s0;
        out[1] = s1;
    }

    /**
     * {@link #dot(ByteBuffer, int, float[])} ({@code squared == false}) or
     * {@link #squaredDistance(ByteBuffer, int, float[])} of four stored vectors at once into
     * {@code out[outAt..outAt+3]}: four independent running sums, so the four nodes' reads overlap.
     */
    static void nodes4(boolean squared, float[] q, ByteBuffer b0, int at0, ByteBuffer b1, int at1, ByteBuffer b2,
                       int at2, ByteBuffer b3, int at3, float[] out, int outAt) {
        Arrays.fill(out, outAt, outAt + 4, 0f);
        nodes4From(squared, 0, q, b0, at0, b1, at1, b2, at2, b3, at3, out, outAt);
    }

    /** Continues the four sums in {@code out[outAt..outAt+3]} of {@link #nodes4} from dimension {@code from}. */
    static void nodes4From(boolean squared, int from, float[] q, ByteBuffer b0, int at0, ByteBuffer b1, int at1,
                           ByteBuffer b2, int at2, ByteBuffer b3, int at3, float[] out, int outAt) {
        float r0 = out[outAt];
        float r1 = out[outAt + 1];
        float r2 = out[outAt + 2];
        float r3 = out[outAt + 3];
        for (int z = from; z < q.length; z++) {
            float qz = q[z];
            float t0 = b0.getFloat(at0 + 4 * z);
            float t1 = b1.getFloat(at1 + 4 * z);
            float t2 = b2.getFloat(at2 + 4 * z);
            float t3 = b3.getFloat(at3 + 4 * z);
            if (squared) {
                t0 = qz - t0;
                t1 = qz - t1;
                t2 = qz - t2;
                t3 = qz - t3;
                r0 += t0 * t0;
                r1 += t1 * t1;
                r2 += t2 * t2;
                r3 += t3 * t3;
            } else {
                r0 += t0 * qz;
                r1 += t1 * qz;
                r2 += t2 * qz;
                r3 += t3 * qz;
            }
        }
        out[outAt] = r0;
        out[outAt + 1] = r1;
        out[outAt + 2] = r2;
        out[outAt + 3] = r3;
    }

    /** {@code dot(node.v, q)} of the vector at byte {@code at} of {@code b}. */
    static float dot(ByteBuffer b, int at, float[] q) {
        return nodeFrom(false, 0, 0f, b, at, q);
    }

    /** {@code euclidean_distance(q, node.v)} of the vector at byte {@code at} of {@code b}. */
    static float squaredDistance(ByteBuffer b, int at, float[] q) {
        return nodeFrom(true, 0, 0f, b, at, q);
    }

    /** {@code s} plus the terms {@code from ..} of {@link #squaredDistance} ({@code squared}) or {@link #dot}. */
    static float nodeFrom(boolean squared, int from, float s, ByteBuffer b, int at, float[] q) {
        for (int z = from; z < q.length; z++) {
            float v = b.getFloat(at + 4 * z);
            if (squared) {
                float t = q[z] - v;
                s += t * t;
            } else {
                s += v * q[z];
            }
        }
        return s;
    }
}
