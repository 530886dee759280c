package io.mdfe.core.index;

import io.mdfe.core.index.exact.ExactIndexFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The index backends by name, as the CLI and config name them ({@code exact}, {@code annoy}, {@code milvus}). */
public final class IndexRegistry {

    private static final Map<String, IndexFactory> FACTORIES = new LinkedHashMap<>();

    static {
        // one line per backend
        FACTORIES.put("exact", new ExactIndexFactory());
    }

    private IndexRegistry() {
    }

    /**
     * The factory registered as {@code name}.
     *
     * @throws IllegalArgumentException listing the registered names
     */
    public static IndexFactory factory(String name) {
        IndexFactory factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown index backend '" + name + "'; registered: "
                    + String.join(", ", FACTORIES.keySet()));
        }
        return factory;
    }

    /** The registered names, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }
}
