package io.mdfe.core.config.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A list must have one of the given sizes (e.g. 0 = "not given" or 3 = one value per RGB channel).
 *
 * @param sizes the allowed sizes
 */
public record ListSize(List<Integer> sizes) implements Constraint {

    /** Copies the sizes. */
    public ListSize {
        sizes = List.copyOf(sizes);
    }

    /** {@return a constraint allowing lists of exactly these sizes} */
    public static ListSize of(Integer... sizes) {
        return new ListSize(List.of(sizes));
    }

    /** {@return a constraint allowing any non-empty list} */
    public static Constraint nonEmpty() {
        return new Constraint() {
            @Override
            public boolean accepts(Object value) {
                return !((List<?>) value).isEmpty();
            }

            @Override
            public String describe() {
                return "a non-empty list";
            }
        };
    }

    @Override
    public boolean accepts(Object value) {
        return sizes.contains(((List<?>) value).size());
    }

    @Override
    public String describe() {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining(" or ")) + " elements";
    }
}
