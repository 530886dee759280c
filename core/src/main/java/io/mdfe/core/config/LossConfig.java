package io.mdfe.core.config;

/**
 * Section {@code LOSS}.
 *
 * @param name LOSS.name (CrossEntropyLoss)
 */
public record LossConfig(String name) {
}
