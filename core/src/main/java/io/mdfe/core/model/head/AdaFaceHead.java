package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdaFace, quality-adaptive margin from the embedding norm (Kim et al., CVPR 2022,
 * arXiv:2204.00964).
 *
 * <p>cos is clamped to {@code [-1 + eps, 1 - eps]}, eps = 1e-3. With the raw row norms clipped to
 * {@code [0.001, 100]} (no gradient), the state is updated first, without gradient: {@code
 * batch_mean <- t_alpha * mean + (1 - t_alpha) * batch_mean}, same for {@code batch_std}
 * (unbiased std); initial 20 and 100. Then {@code scaler = clip(h * (norm - batch_mean) /
 * (batch_std + eps), -1, 1)}, the target angle becomes {@code clip(theta - m * scaler, eps, pi -
 * eps)} and the target logit {@code cos(angle) - (m + m * scaler)}; all times s.
 */
public class AdaFaceHead extends MarginHead {

    private static final float EPS = 1e-3f;
    private static final float MIN_NORM = 1e-3f;
    private static final float MAX_NORM = 100f;

    private float batchMean = 20f;
    private float batchStd = 100f;

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, s, m, h and t_alpha
     */
    public AdaFaceHead(HeadSpec spec) {
        super(spec, STATEFUL_VERSION);
    }

    /**
     * Returns the running mean of the embedding norms.
     *
     * @return batch_mean
     */
    public float getBatchMean() {
        return batchMean;
    }

    /**
     * Returns the running standard deviation of the embedding norms.
     *
     * @return batch_std
     */
    public float getBatchStd() {
        return batchStd;
    }

    @Override
    public Map<String, Float> state() {
        Map<String, Float> state = new LinkedHashMap<>();
        state.put("batch_mean", batchMean);
        state.put("batch_std", batchStd);
        return state;
    }

    @Override
    protected NDArray clampCosine(NDArray cos) {
        return cos.clip(-1f + EPS, 1f - EPS);
    }

    @Override
    protected void updateState(MarginBatch batch) {
        int rows = batch.size();
        if (rows < 2) {
            throw new IllegalArgumentException(
                    "AdaFace needs a training batch of at least 2 embeddings (unbiased norm std),"
                            + " got " + rows);
        }
        float alpha = spec.tAlpha();
        withoutGradient(
                batch.embeddings(),
                x -> {
                    NDArray norms = safeNorms(x);
                    float mean = norms.mean().getFloat();
                    float sumSq = norms.sub(mean).square().sum().getFloat();
                    double std = Math.sqrt(sumSq / (rows - 1));
                    batchMean = (float) (alpha * mean + (1 - alpha) * (double) batchMean);
                    batchStd = (float) (alpha * std + (1 - alpha) * (double) batchStd);
                });
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        float m = spec.marginRad();
        NDArray scaler =
                safeNorms(batch.embeddings().stopGradient())
                        .sub(batchMean)
                        .div(batchStd + EPS)
                        .mul(spec.h())
                        .clip(-1f, 1f);
        NDArray angle =
                batch.cosine()
                        .acos()
                        .add(batch.onTarget(scaler.mul(-m)))
                        .clip(EPS, Math.PI - EPS);
        return angle.cos().sub(batch.onTarget(scaler.mul(m).add(m)));
    }

    private static NDArray safeNorms(NDArray x) {
        return x.norm(new int[] {1}).clip(MIN_NORM, MAX_NORM);
    }

    @Override
    protected void saveState(DataOutputStream os) throws IOException {
        os.writeFloat(batchMean);
        os.writeFloat(batchStd);
    }

    @Override
    protected void loadState(DataInputStream is) throws IOException {
        batchMean = is.readFloat();
        batchStd = is.readFloat();
    }
}
