package io.mdfe.core.config.schema;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * A numeric interval for an int or float value; for a list, every element must lie in it.
 *
 * @param min          lower bound, or {@code -Infinity} for none
 * @param minInclusive whether {@code min} itself is allowed
 * @param max          upper bound, or {@code +Infinity} for none
 * @param maxInclusive whether {@code max} itself is allowed
 */
public record Range(double min, boolean minInclusive, double max, boolean maxInclusive) implements Constraint {

    /** {@return the interval {@code value >= min}} */
    public static Range atLeast(double min) {
        return new Range(min, true, Double.POSITIVE_INFINITY, false);
    }

    /** {@return the interval {@code value > min}} */
    public static Range above(double min) {
        return new Range(min, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@return the interval {@code min <= value < max}} */
    public static Range closedOpen(double min, double max) {
        return new Range(min, true, max, false);
    }

    /** {@return the interval {@code min <= value <= max}} */
    public static Range closed(double min, double max) {
        return new Range(min, true, max, true);
    }

    @Override
    public boolean accepts(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(this::accepts);
        }
        double v = ((Number) value).doubleValue();
        boolean aboveMin = minInclusive ? v >= min : v > min;
        boolean belowMax = maxInclusive ? v <= max : v < max;
        return aboveMin && belowMax;
    }

    @Override
    public String describe() {
        boolean hasMin = min != Double.NEGATIVE_INFINITY;
        boolean hasMax = max != Double.POSITIVE_INFINITY;
        String minOp = minInclusive ? "<=" : "<";
        String maxOp = maxInclusive ? "<=" : "<";
        if (hasMin && hasMax) {
            return format(min) + " " + minOp + " value " + maxOp + " " + format(max);
        }
        if (hasMin) {
            return "value " + (minInclusive ? ">=" : ">") + " " + format(min);
        }
        return "value " + maxOp + " " + format(max);
    }

    private static String format(double bound) {
        // Five significant digits: enough to state a bound such as pi/2 (1.5708) readably.
        return bound == Math.rint(bound) ? Long.toString((long) bound)
                : new BigDecimal(bound).round(new MathContext(5)).stripTrailingZeros().toPlainString();
    }
}
