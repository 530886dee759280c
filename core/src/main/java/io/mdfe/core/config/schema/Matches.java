package io.mdfe.core.config.schema;

import java.util.regex.Pattern;

/**
 * A string value must match a regular expression (whole-string match).
 *
 * @param pattern     the expression
 * @param description what it means for humans, e.g. "cpu, cuda or cuda:N"
 */
public record Matches(Pattern pattern, String description) implements Constraint {

    /** {@return a constraint for the given expression and its human description} */
    public static Matches regex(String regex, String description) {
        return new Matches(Pattern.compile(regex), description);
    }

    @Override
    public boolean accepts(Object value) {
        return pattern.matcher((String) value).matches();
    }

    @Override
    public String describe() {
        return description;
    }
}
