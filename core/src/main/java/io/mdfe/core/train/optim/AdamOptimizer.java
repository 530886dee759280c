package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;
import io.mdfe.core.train.schedule.LrSchedule;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (betas 0.9, 0.999; eps 1e-8; no amsgrad),
 * with the parameter's own update count {@code t} (1 on its first update):
 * <pre>
 *   g = grad + weight_decay * w          (L2 in the gradient; AdamW overrides this)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   w = w - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * State: {@code exp_avg} (m), {@code exp_avg_sq} (v) and the update count.
 */
public class AdamOptimizer extends StatefulOptimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final double weightDecay;

    /**
     * @param schedule    the learning rate per global step
     * @param weightDecay OPTIMIZER.weight_decay
     */
    public AdamOptimizer(LrSchedule schedule, double weightDecay) {
        super(schedule);
        this.weightDecay = weightDecay;
    }

    /** {@return OPTIMIZER.weight_decay} */
    protected final double weightDecay() {
        return weightDecay;
    }

    /**
     * Applies the weight decay before the moment update: here L2, added to the gradient.
     *
     * @param weight the parameter
     * @param grad   the consumed gradient, may be changed in place
     * @param lr     this step's learning rate
     */
    void decay(NDArray weight, NDArray grad, double lr) {
        WeightDecay.addL2(weight, grad, weightDecay);
    }

    @Override
    final void apply(ParameterState state, NDArray weight, NDArray grad, double lr) {
        long t = state.countedUpdates();
        decay(weight, grad, lr);
        NDArray m = state.bufferOrZeros("exp_avg", weight);
        NDArray v = state.bufferOrZeros("exp_avg_sq", weight);
        try (NDArray scaled = grad.mul((float) (1 - BETA1))) {
            m.muli((float) BETA1).addi(scaled);
        }
        try (NDArray square = grad.mul(grad)) {
            v.muli((float) BETA2).addi(square.muli((float) (1 - BETA2)));
        }
        double stepSize = lr / (1 - Math.pow(BETA1, t));
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
        try (NDArray denom = v.sqrt(); NDArray step = m.div(denom.divi((float) biasCorrection2Sqrt).addi((float) EPS))) {
            weight.subi(step.muli((float) stepSize));
        }
    }

    @Override
    String typeName() {
        return "Adam";
    }
}
