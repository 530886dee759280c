package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;
import io.mdfe.core.model.AutogradScalars;

/**
 * LiArcFace, linear ArcFace (Li et al., "AirFace: Lightweight and Efficient Model for Face
 * Recognition", arXiv:1907.12256): logits linear in the angle, {@code s * (pi - 2 * angle) / pi},
 * with {@code angle = theta + m} for the target and {@code theta} otherwise.
 */
public class LiArcFaceHead extends MarginHead {

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, s and m
     */
    public LiArcFaceHead(HeadSpec spec) {
        super(spec);
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray angle = batch.cosine().acos().add(batch.targetMask().mul(spec.marginRad()));
        NDArray shifted = angle.mul(AutogradScalars.of(angle, -2)).add(Math.PI);
        return shifted.div(AutogradScalars.of(shifted, Math.PI));
    }
}
