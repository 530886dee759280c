package io.mdfe.core.index.annoy;

import java.nio.ByteBuffer;

/**
 * annoylib's portable {@code dot} and {@code euclidean_distance} (no AVX, e.g. g++ {@code -O2}):
 * one running sum, term by term in order, each product rounded before it is added (Java never
 * contracts to FMA). The order byte-identical files depend on; see {@link Avx512Sums} for the other.
 */
final class ScalarSums {

    private ScalarSums() {
    }

    /** {@code dot(x, y)} of the {@code n} floats from {@code x[xAt]} and {@code y[yAt]}. */
    static float dot(float[] x, int xAt, float[] y, int yAt, int n) {
        float s = 0;
        for (int z = 0; z < n; z++) {
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
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int z = 0; z < n; z++) {
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
        float s0 = 0;
        float s1 = 0;
        for (int z = 0; z < n; z++) {
            float yz = y[yAt + z];
            s0 += x0[z] * yz;
            s1 += x1[z] * yz;
        }
        out[0] = s0;
        out[1] = s1;
    }

    /** {@code euclidean_distance(x0, y)} and {@code (x1, y)} into {@code out[0..1]}, as {@link #dot2}. */
    static void squaredDistance2(float[] x0, float[] x1, float[] y, int yAt, int n, float[] out) {
        float d0 = 0;
        float d1 = 0;
        for (int z = 0; z < n; z++) {
            float yz = y[yAt + z];
            float t0 = x0[z] - yz;
            float t1 = x1[z] - yz;
            d0 += t0 * t0;
            d1 += t1 * t1;
        }
        out[0] = d0;
        out[1] = d1;
    }

    /**
     * {@link #dot(ByteBuffer, int, float[])} ({@code squared == false}) or
     * {@link #squaredDistance(ByteBuffer, int, float[])} of four stored vectors at once into
     * {@code out[outAt..outAt+3]}: four independent running sums, so the four nodes' reads overlap.
     */
    static void nodes4(boolean squared, float[] q, ByteBuffer b0, int at0, ByteBuffer b1, int at1, ByteBuffer b2,
                       int at2, ByteBuffer b3, int at3, float[] out, int outAt) {
        float r0 = 0;
        float r1 = 0;
        float r2 = 0;
        float r3 = 0;
        for (int z = 0; z < q.length; z++) {
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
        float s = 0;
        for (int z = 0; z < q.length; z++, at += 4) {
            s += b.getFloat(at) * q[z];
        }
        return s;
    }

    /** {@code euclidean_distance(q, node.v)} of the vector at byte {@code at} of {@code b}. */
    static float squaredDistance(ByteBuffer b, int at, float[] q) {
        float d = 0;
        for (int z = 0; z < q.length; z++, at += 4) {
            float t = q[z] - b.getFloat(at);
            d += t * t;
        }
        return d;
    }
}
