package io.mdfe.core.model.head;

import ai.djl.ndarray.NDArray;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * AdaCos, adaptive scale without margin (Zhang et al., CVPR 2019, arXiv:1905.00292).
 *
 * <p>Initial {@code s = sqrt(2) * ln(C - 1)} (the fixed AdaCos scale; {@code MODEL.HEAD.s} is not
 * used). With {@code MODEL.HEAD.dynamic_s}, every training forward first sets, without gradient,
 * {@code s <- ln(B_avg) / cos(min(pi/4, theta_med))} where {@code B_avg} is the sum of {@code
 * exp(s * cos)} over the non-target entries divided by B and {@code theta_med} the median target
 * angle (for even B the lower middle value, as {@code torch.median}). Logits: {@code s * cos}.
 * The scale is state, saved with the parameters.
 */
public class AdaCosHead extends MarginHead {

    private float scale;

    /**
     * Creates the head.
     *
     * @param spec hyperparameters; uses k, the number of classes and dynamic_s
     */
    public AdaCosHead(HeadSpec spec) {
        super(spec, STATEFUL_VERSION);
        scale = initialScale(spec.numClasses());
    }

    /**
     * Returns the fixed AdaCos scale {@code sqrt(2) * ln(C - 1)}.
     *
     * @param numClasses C
     * @return the initial scale
     */
    public static float initialScale(int numClasses) {
        return (float) (Math.sqrt(2) * Math.log(numClasses - 1));
    }

    /**
     * Returns the current adaptive scale s.
     *
     * @return s
     */
    public float getScale() {
        return scale;
    }

    @Override
    public Map<String, Float> state() {
        return Map.of("s", scale);
    }

    @Override
    protected float scale() {
        return scale;
    }

    @Override
    protected void updateState(MarginBatch batch) {
        if (!spec.dynamicScale()) {
            return;
        }
        int rows = batch.size();
        withoutGradient(
                batch.cosine(),
                cos -> {
                    NDArray mask = batch.targetMask();
                    NDArray nonTarget = cos.onesLike().sub(mask);
                    double bAvg = cos.mul(scale).exp().mul(nonTarget).sum().getFloat() / rows;
                    NDArray targetAngles = cos.mul(mask).sum(new int[] {1}).acos().sort(0);
                    double thetaMed = targetAngles.getFloat((rows - 1) / 2);
                    scale = (float) (Math.log(bAvg) / Math.cos(Math.min(Math.PI / 4, thetaMed)));
                });
    }

    @Override
    protected NDArray marginLogits(MarginBatch batch) {
        return batch.cosine();
    }

    @Override
    protected void saveState(DataOutputStream os) throws IOException {
        os.writeFloat(scale);
    }

    @Override
    protected void loadState(DataInputStream is) throws IOException {
        scale = is.readFloat();
    }
}
