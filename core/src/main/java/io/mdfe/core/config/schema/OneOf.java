package io.mdfe.core.config.schema;

import java.util.List;

/**
 * The value must be one of a fixed list of names, matched exactly (upstream names are
 * case-sensitive: {@code ArcFace}, {@code SAM_AdamW}, {@code openai-clip}).
 *
 * @param names the allowed names, in the order errors list them
 */
public record OneOf(List<String> names) implements Constraint {

    /** Copies the names. */
    public OneOf {
        names = List.copyOf(names);
    }

    /** {@return a constraint allowing exactly the given names} */
    public static OneOf of(String... names) {
        return new OneOf(List.of(names));
    }

    @Override
    public boolean accepts(Object value) {
        return names.contains(value);
    }

    @Override
    public String describe() {
        return String.join(", ", names);
    }

    @Override
    public String problem() {
        return "unknown value";
    }
}
