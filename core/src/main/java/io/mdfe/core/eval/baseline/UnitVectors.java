package io.mdfe.core.eval.baseline;

/** L2 normalisation of descriptors, so euclidean, angular and dot search rank them alike. */
final class UnitVectors {

    private UnitVectors() {
    }

    /** Scales {@code v} in place to unit length; an all-zero vector (e.g. a black image) stays zero. */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
