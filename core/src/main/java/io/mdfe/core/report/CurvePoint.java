package io.mdfe.core.report;

/**
 * One optimizer step of the training curve.
 *
 * @param step the step
 * @param loss the training loss
 * @param lr the learning rate
 */
public record CurvePoint(long step, double loss, double lr) {
}
