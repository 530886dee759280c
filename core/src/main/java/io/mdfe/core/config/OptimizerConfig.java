package io.mdfe.core.config;

/**
 * Section {@code OPTIMIZER}.
 *
 * @param name        OPTIMIZER.name (SGD, Adam, AdamW, SAM_Adam, SAM_AdamW)
 * @param lr          OPTIMIZER.lr (peak learning rate)
 * @param weightDecay OPTIMIZER.weight_decay
 * @param momentum    OPTIMIZER.momentum (SGD)
 */
public record OptimizerConfig(String name, double lr, double weightDecay, double momentum) {
}
