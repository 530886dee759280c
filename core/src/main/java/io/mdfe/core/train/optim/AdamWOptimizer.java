package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;
import io.mdfe.core.train.schedule.LrSchedule;

/**
 * AdamW exactly as PyTorch's {@code torch.optim.AdamW}: {@link AdamOptimizer}'s update with the
 * weight decay decoupled from the gradient, applied first: {@code w *= 1 - lr * weight_decay},
 * then the Adam step on the plain gradient.
 */
public final class AdamWOptimizer extends AdamOptimizer {

    /**
     * @param schedule    the learning rate per global step
     * @param weightDecay OPTIMIZER.weight_decay (decoupled)
     */
    public AdamWOptimizer(LrSchedule schedule, double weightDecay) {
        super(schedule, weightDecay);
    }

    @Override
    void decay(NDArray weight, NDArray grad, double lr) {
        WeightDecay.decouple(weight, lr, weightDecay());
    }

    @Override
    String typeName() {
        return "AdamW";
    }
}
