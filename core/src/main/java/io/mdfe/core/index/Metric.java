package io.mdfe.core.index;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The distance of an index, named as Annoy and upstream's {@code --metric} name them.
 *
 * <p>Every backend reports {@link Neighbors} best first with Annoy's distance values:
 * {@code euclidean} = L2 distance; {@code angular} = sqrt(2 - 2 cos), computed on vectors
 * L2-normalised once when added or queried; {@code dot} = the inner product (larger is closer).
 */
public enum Metric {
    /** L2 distance. */
    EUCLIDEAN("euclidean", false),
    /** Angle via sqrt(2 - 2 cos): L2 distance of unit vectors. */
    ANGULAR("angular", true),
    /** Inner product, larger is better. */
    DOT("dot", false);

    private final String id;
    private final boolean normalizes;

    Metric(String id, boolean normalizes) {
        this.id = id;
        this.normalizes = normalizes;
    }

    /** The upstream / Annoy name. */
    public String id() {
        return id;
    }

    /** True when vectors are L2-normalised once, on add and on query. */
    public boolean normalizes() {
        return normalizes;
    }

    /** Another name of {@link #ANGULAR}: ranking by angle is ranking by cosine similarity. */
    public static final String COSINE = "cosine";

    /**
     * Parses an upstream {@code --metric} value; {@code cosine} names {@link #ANGULAR}.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Metric parse(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.equals(COSINE)) {
            return ANGULAR;
        }
        for (Metric m : values()) {
            if (m.id.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--metric: unknown value '" + name + "'; allowed: "
                + Arrays.stream(values()).map(Metric::id).collect(Collectors.joining(", ")) + ", " + COSINE
                + " (= angular)");
    }
}
