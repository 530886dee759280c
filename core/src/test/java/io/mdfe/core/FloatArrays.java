package io.mdfe.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Comparing the float arrays of parameters and outputs in tests. */
public final class FloatArrays {

    private FloatArrays() {
    }

    /** {@return the largest |a[i] - b[i]|}, after checking the lengths agree */
    public static float maxAbsDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
