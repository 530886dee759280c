package io.mdfe.core.model.head;

/**
 * Per-class margins of DynM-ArcFace / CLAM from the class distribution: rare classes get {@code
 * m_max}, frequent classes {@code m_min}, along a half cosine.
 *
 * <p>{@code n'_c = (n_c - min n) / (max n - min n)} (0 for every class when all counts are equal),
 * {@code m_c = m_min + 0.5 * (m_max - m_min) * (1 + cos(pi * n'_c))}.
 */
public final class ClassBalancedMargins {

    private ClassBalancedMargins() {}

    /**
     * Computes the margin of every class.
     *
     * @param classCounts samples per class in label order, at least one
     * @param marginMinRad m_min in radians
     * @param marginMaxRad m_max in radians
     * @return m_c in radians, one per class
     */
    public static float[] marginsRad(long[] classCounts, float marginMinRad, float marginMaxRad) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long n : classCounts) {
            min = Math.min(min, n);
            max = Math.max(max, n);
        }
        double span = max - min;
        float[] margins = new float[classCounts.length];
        for (int c = 0; c < classCounts.length; c++) {
            double n01 = span == 0 ? 0 : (classCounts[c] - min) / span;
            margins[c] =
                    (float)
                            (marginMinRad
                                    + 0.5 * (marginMaxRad - marginMinRad) * (1 + Math.cos(Math.PI * n01)));
        }
        return margins;
    }
}
