package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;

/**
 * DynM-ArcFace: ArcFace with a per-class margin from the class distribution ({@link
 * ClassBalancedMargins}); CLAM (class-distribution-aware additive angular margin) when {@code
 * MODEL.HEAD.k > 1}. Row i uses {@code m_{y_i}}, {@code th_{y_i} = cos(pi - m_{y_i})} and {@code
 * mm_{y_i} = sin(pi - m_{y_i}) * m_{y_i}}.
 */
public class DynMArcFaceHead extends ArcFaceHead {

    private final float[] classMarginsRad;

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, s, m_min, m_max and the class counts
     * @throws IllegalArgumentException when the spec has no class distribution
     */
    public DynMArcFaceHead(HeadSpec spec) {
        super(spec);
        long[] counts = spec.classCounts();
        if (counts == null) {
            throw new IllegalArgumentException(
                    spec.name() + " needs the class distribution (DATASET.cls_dist_file: training"
                            + " samples per class in label order), but none was given");
        }
        classMarginsRad =
                ClassBalancedMargins.marginsRad(counts, spec.marginMinRad(), spec.marginMaxRad());
    }

    /**
     * Returns the margin of every class.
     *
     * @return a copy of m_c in radians, in label order
     */
    public float[] getClassMarginsRad() {
        return classMarginsRad.clone();
    }

    @Override
    protected NDArray targetMarginRad(MarginBatch batch) {
        NDArray mask = batch.targetMask();
        NDArray margins = mask.getManager().create(classMarginsRad).toType(mask.getDataType(), false);
        return mask.mul(margins).sum(new int[] {1});
    }
}
