package io.mdfe.cli;

/**
 * Range checks of numeric options, failing with one line that names the option: picocli only checks
 * that a value parses, and a bad value found deep inside a command would name an internal parameter.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /** {@code value} when it lies in {@code [min, max]}; else an error naming {@code option}. */
    static int within(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + (max == Integer.MAX_VALUE ? ">= " + min
                    : "between " + min + " and " + max) + ", got " + value);
        }
        return value;
    }

    /** {@code value} when it is at least 1; else an error naming {@code option}. */
    static int positive(String option, int value) {
        return within(option, value, 1, Integer.MAX_VALUE);
    }
}
