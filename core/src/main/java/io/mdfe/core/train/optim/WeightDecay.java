package io.mdfe.core.train.optim;

import ai.djl.ndarray.NDArray;

/**
 * The two PyTorch weight-decay forms: L2 in the gradient (SGD, Adam) and decoupled (AdamW).
 */
final class WeightDecay {

    private WeightDecay() {
    }

    /** L2 penalty: {@code grad += wd * w} (in place on the consumed gradient). */
    static void addL2(NDArray weight, NDArray grad, double wd) {
        if (wd != 0) {
            try (NDArray penalty = weight.mul((float) wd)) {
                grad.addi(penalty);
            }
        }
    }

    /** Decoupled decay: {@code w *= 1 - lr * wd}. */
    static void decouple(NDArray weight, double lr, double wd) {
        if (wd != 0) {
            weight.muli((float) (1 - lr * wd));
        }
    }
}
