package io.mdfe.core.config.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The type of a configuration value and how a raw YAML value (as SnakeYAML's safe loader returns
 * it) converts to it. Conversions are strict, with two upstream-friendly exceptions: an int is
 * accepted where a float is expected, and a float written without a dot ({@code 2e-2}, which YAML
 * 1.1 reads as a string) is accepted as a float. A single scalar is accepted as a one-element list.
 */
public enum ValueType {
    /** A 32-bit integer. */
    INT("int", "an integer"),
    /** A 64-bit float. */
    FLOAT("float", "a number"),
    /** A boolean, written {@code True}/{@code False} upstream. */
    BOOL("bool", "True or False"),
    /** A string; YAML booleans and numbers are rejected so that {@code no} does not become "false". */
    STRING("str", "a string (quote it if YAML reads it as a number or boolean)"),
    /** A list of integers. */
    INT_LIST("list[int]", "a list of integers, e.g. [1, 5]"),
    /** A list of floats. */
    FLOAT_LIST("list[float]", "a list of numbers, e.g. [0.5, 0.5, 0.5]"),
    /** A list of strings. */
    STRING_LIST("list[str]", "a list of strings, e.g. [m4d-35k, uned]");

    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String shortName;
    private final String description;

    ValueType(String shortName, String description) {
        this.shortName = shortName;
        this.description = description;
    }

    /** {@return the short type name used in the README, e.g. "list[int]"} */
    public String shortName() {
        return shortName;
    }

    /** {@return what a value of this type looks like, for error messages} */
    public String describe() {
        return description;
    }

    /**
     * {@return a non-string scalar as upstream YAML writes it: {@code True}/{@code False}, ints as
     * they are, floats in plain decimal notation keeping a ".0" on whole numbers (0.0001, 30.0);
     * strings are returned unchanged}
     */
    public static String literal(Object scalar) {
        if (scalar instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (scalar instanceof Double d && d != Math.rint(d)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(scalar);
    }

    /** {@return whether values of this type are lists} */
    public boolean isList() {
        return elementType().isPresent();
    }

    /**
     * Converts a raw YAML value (never null; callers handle "unset" first).
     *
     * @return the converted value (Integer, Double, Boolean, String or an unmodifiable List), or empty
     *         when the raw value does not have this type
     */
    public Optional<Object> convert(Object raw) {
        Optional<ValueType> element = elementType();
        if (element.isEmpty()) {
            return convertScalar(raw);
        }
        List<?> items = raw instanceof List<?> list ? list : List.of(raw);
        List<Object> converted = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item == null) {
                return Optional.empty();
            }
            Optional<Object> value = element.get().convertScalar(item);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            converted.add(value.get());
        }
        return Optional.of(List.copyOf(converted));
    }

    private Optional<ValueType> elementType() {
        return switch (this) {
            case INT_LIST -> Optional.of(INT);
            case FLOAT_LIST -> Optional.of(FLOAT);
            case STRING_LIST -> Optional.of(STRING);
            default -> Optional.empty();
        };
    }

    private Optional<Object> convertScalar(Object raw) {
        return switch (this) {
            case INT -> toInt(raw);
            case FLOAT -> toFloat(raw);
            case BOOL -> raw instanceof Boolean b ? Optional.of(b) : Optional.empty();
            case STRING -> raw instanceof String s ? Optional.of(s) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<Object> toInt(Object raw) {
        if (raw instanceof Integer i) {
            return Optional.of(i);
        }
        if (raw instanceof Long l && l == l.intValue()) {
            return Optional.of(l.intValue());
        }
        return Optional.empty();
    }

    private static Optional<Object> toFloat(Object raw) {
        double value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Double) {
            value = ((Number) raw).doubleValue();
        } else if (raw instanceof String s && NUMBER.matcher(s.trim()).matches()) {
            value = Double.parseDouble(s.trim());
        } else {
            return Optional.empty();
        }
        return Double.isFinite(value) ? Optional.of(value) : Optional.empty();
    }
}
