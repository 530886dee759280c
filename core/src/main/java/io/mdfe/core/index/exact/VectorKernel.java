package io.mdfe.core.index.exact;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What the Vector API tiles share: the preferred species and the hit test. A tile tests
 * its accumulators against the thresholds itself: storing every tile and reloading it for a test in
 * the caller cost ~9% of a full search (AVX2). Each tile shape is its
 * own subclass with its loop written out by hand, accumulators as named locals: that is what lets
 * C2 keep them all in registers (arrays of vectors, or a loop over them, box and spill). Which shape
 * fits depends on the register file, so {@link KernelChoice} picks one per CPU. Needs
 * {@code --add-modules jdk.incubator.vector} (JDK 17 incubator).
 */
abstract class VectorKernel implements ScoreKernel {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Mask tests are intrinsics up to 256 bits in JDK 17. */
    private static final boolean MASK_TESTS = S.vectorBitSize() <= 256;

    /** Narrower than 8 lanes, the scalar kernel is as fast. */
    static boolean usable() {
        return L >= 8;
    }

    private final int rows;
    private final int group;

    VectorKernel(int rows, int group) {
        this.rows = rows;
        this.group = group;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int group() {
        return group;
    }

    @Override
    public final int lanes() {
        return L;
    }

    /**
     * The hit test of {@link ScoreKernel#tile} on scores already stored: the lane-wise max of each
     * query's scores against its threshold.
     */
    final int rowsAbove(float[] scores, float[] thresholds, int row) {
        int group = group();
        int hits = 0;
        for (int r = 0; r < rows(); r++) {
            int at = r * group * L;
            FloatVector m = FloatVector.fromArray(S, scores, at);
            for (int p = 1; p < group; p++) {
                m = m.max(FloatVector.fromArray(S, scores, at + p * L));
            }
            if (above(m, thresholds[row + r])) {
                hits |= 1 << r;
            }
        }
        return hits;
    }

    /**
     * Whether a lane of {@code max} (the lane-wise max of one query's accumulators) is above
     * {@code threshold}: up to 256 bits a compare and mask test (two instructions instead of a
     * reduction's chain of shuffles), at 512 bits a reduction (JDK 17's 512-bit mask tests fall back
     * to Java code).
     */
    static boolean above(FloatVector max, float threshold) {
        return MASK_TESTS ? max.compare(VectorOperators.GT, threshold).anyTrue()
                : max.reduceLanes(VectorOperators.MAX) > threshold;
    }
}
