package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * ArcFace, additive angular margin (Deng et al., CVPR 2019, arXiv:1801.07698); sub-center ArcFace
 * (Deng et al., ECCV 2020) when {@code MODEL.HEAD.k > 1}.
 *
 * <p>Target logit {@code cos(theta + m)} when {@code cos > th = cos(pi - m)}, else {@code cos -
 * mm} with {@code mm = sin(pi - m) * m} (keeps the logit monotonic in theta); other logits {@code
 * cos}; all times s.
 */
public class ArcFaceHead extends MarginHead {

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, s and m
     */
    public ArcFaceHead(HeadSpec spec) {
        super(spec);
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        NDArray cosT = batch.targetCosine();
        NDArray m = targetMarginRad(batch);
        NDArray piMinusM = m.neg().add(Math.PI);
        NDArray th = piMinusM.cos();
        NDArray mm = piMinusM.sin().mul(m);
        NDArray target = NDArrays.where(cosT.gt(th), cosT.acos().add(m).cos(), cosT.sub(mm));
        return batch.replaceTarget(batch.cosine(), target);
    }

    /**
     * Hook: the margin of each row's target class, length B; ArcFace uses m for every row.
     *
     * @param batch the training batch
     * @return margins in radians
     */
    protected NDArray targetMarginRad(MarginBatch batch) {
        return batch.targetCosine().zerosLike().add(spec.marginRad());
    }
}
