package io.mdfe.core.data.transform;

import java.util.List;

/**
 * The parameters of one colour jitter: the order of the adjustments and their blend factors
 * (1 = unchanged).
 *
 * @param order the adjustments, each once, in the order they are applied
 * @param brightness brightness factor, >= 0
 * @param contrast contrast factor, >= 0
 * @param saturation saturation factor, >= 0
 */
public record JitterParams(List<JitterOp> order, float brightness, float contrast, float saturation) {

    /** Checks the order lists every adjustment once and the factors are >= 0. */
    public JitterParams {
        order = List.copyOf(order);
        if (order.size() != JitterOp.values().length || order.stream().distinct().count() != order.size()) {
            throw new IllegalArgumentException("jitter order must list each of " + List.of(JitterOp.values())
                    + " once, got " + order);
        }
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0)) {
            throw new IllegalArgumentException("jitter factors must be >= 0, got " + brightness + ", "
                    + contrast + ", " + saturation);
        }
    }

    /** The factor of {@code op}. */
    public float factor(JitterOp op) {
        return switch (op) {
            case BRIGHTNESS -> brightness;
            case CONTRAST -> contrast;
            case SATURATION -> saturation;
        };
    }
}
