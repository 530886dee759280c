package io.mdfe.core.eval.baseline;

import io.mdfe.core.config.MdfeConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in baselines by name ({@code mdfe evaluate --baseline NAME}). */
public final class BaselineRegistry {

    /** The baseline printed beside every model evaluation. */
    public static final String REFERENCE = "thumbnail";

    private static final Map<String, Function<BaselineSettings, Baseline>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("thumbnail", s -> new ThumbnailBaseline(s.maxImagePixels()));
        BUILT_IN.put("random", s -> new RandomBaseline(s.seed(), s.dim()));
    }

    private BaselineRegistry() {
    }

    /** The reference baseline ({@value #REFERENCE}) with a config's settings, scored beside model evaluations. */
    public static Baseline reference(MdfeConfig config) {
        return create(REFERENCE, BaselineSettings.of(config), "reference baseline");
    }

    /** The names, in registration order. */
    public static List<String> names() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /**
     * Creates the baseline {@code name}.
     *
     * @param option the option or key that named it, for the error
     * @throws IllegalArgumentException naming {@code option} and the valid names when {@code name} is unknown
     */
    public static Baseline create(String name, BaselineSettings settings, String option) {
        Function<BaselineSettings, Baseline> factory = BUILT_IN.get(name);
        if (factory == null) {
            throw new IllegalArgumentException(option + ": unknown baseline '" + name + "'; allowed: "
                    + String.join(", ", names()));
        }
        return factory.apply(settings);
    }
}
