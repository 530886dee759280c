package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * CurricularFace, adaptive curriculum margin (Huang et al., CVPR 2020, arXiv:2004.00288).
 *
 * <p>With {@code cos_t = cos_{i, y_i}} and {@code cos_t_m = cos(acos(cos_t) + m)}: the target
 * logit is {@code cos_t_m} if {@code cos_t > th = cos(pi - m)} else {@code cos_t - mm}; hard
 * negatives ({@code cos > cos_t_m}) become {@code cos * (t + cos)}; all times s. The state t
 * (initially 0) is updated without gradient before use: {@code t <- 0.01 * mean(cos_t) + 0.99 *
 * t}, and saved with the parameters.
 */
public class CurricularFaceHead extends MarginHead {

    private float t;

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, s and m
     */
    public CurricularFaceHead(HeadSpec spec) {
        super(spec, STATEFUL_VERSION);
    }

    /**
     * Returns the curriculum parameter t.
     *
     * @return t
     */
    public float getT() {
        return t;
    }

    @Override
    public Map<String, Float> state() {
        return Map.of("t", t);
    }

    @Override
    protected void updateState(MarginBatch batch) {
        withoutGradient(
                batch.targetCosine(),
                cosT -> t = (float) (0.01 * cosT.mean().getFloat() + 0.99 * t));
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        double m = spec.marginRad();
        NDArray cos = batch.cosine();
        NDArray cosT = batch.targetCosine();
        NDArray cosTM = cosT.acos().add(m).cos();
        double th = Math.cos(Math.PI - m);
        double mm = Math.sin(Math.PI - m) * m;
        NDArray target = NDArrays.where(cosT.gt(th), cosTM, cosT.sub(mm));
        NDArray hard = cos.gt(cosTM.expandDims(1));
        NDArray logits = NDArrays.where(hard, cos.mul(cos.add(t)), cos);
        return batch.replaceTarget(logits, target);
    }

    @Override
    protected void saveState(DataOutputStream os) throws IOException {
        os.writeFloat(t);
    }

    @Override
    protected void loadState(DataInputStream is) throws IOException {
        t = is.readFloat();
    }
}
