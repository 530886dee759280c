package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;
import io.mdfe.core.train.schedule.LrSchedule;

/**
 * Stochastic gradient descent with momentum, exactly as PyTorch's {@code torch.optim.SGD}
 * (dampening 0, no Nesterov):
 * <pre>
 *   g   = grad + weight_decay * w
 *   buf = g                       on the parameter's first update
 *   buf = momentum * buf + g      afterwards
 *   w   = w - lr * buf
 * </pre>
 * With momentum 0 there is no buffer and {@code w = w - lr * g}. State: {@code momentum_buffer}.
 */
public final class SgdOptimizer extends StatefulOptimizer {

    static final String MOMENTUM_BUFFER = "momentum_buffer";

    private final double weightDecay;
    private final double momentum;

    /**
     * @param schedule    the learning rate per global step
     * @param weightDecay OPTIMIZER.weight_decay, L2 added to the gradient
     * @param momentum    OPTIMIZER.momentum, in [0, 1)
     */
    public SgdOptimizer(LrSchedule schedule, double weightDecay, double momentum) {
        super(schedule);
        this.weightDecay = weightDecay;
        this.momentum = momentum;
    }

    @Override
    void apply(ParameterState state, NDArray weight, NDArray grad, double lr) {
        WeightDecay.addL2(weight, grad, weightDecay);
        NDArray direction = grad;
        if (momentum != 0) {
            NDArray buf = state.buffer(MOMENTUM_BUFFER);
            if (buf == null) {
                state.put(MOMENTUM_BUFFER, grad.duplicate());
            } else {
                buf.muli((float) momentum).addi(grad);
            }
            direction = state.buffer(MOMENTUM_BUFFER);
        }
        try (NDArray delta = direction.mul((float) lr)) {
            weight.subi(delta);
        }
    }

    @Override
    String typeName() {
        return "SGD";
    }
}
