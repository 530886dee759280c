package io.mdfe.core.index;

import io.mdfe.core.index.milvus.MilvusConnection;
import io.mdfe.core.index.milvus.MilvusIndexFactory;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The index backends by name ({@code exact}, {@code annoy}, {@code milvus}). An unknown name is an
 * error that lists the known ones.
 */
public final class IndexRegistry {

    private final Map<String, IndexFactory> factories;

    /** A registry of the given backends, keyed by name. */
    public IndexRegistry(Map<String, IndexFactory> factories) {
        this.factories = Map.copyOf(new TreeMap<>(factories));
    }

    /** The standard backends; {@code milvus} talks to the Milvus server of {@code milvus}. */
    public static IndexRegistry standard(MilvusConnection milvus) {
        return new IndexRegistry(Map.of("milvus", new MilvusIndexFactory(milvus)));
    }

    /**
     * The factory of backend {@code name}.
     *
     * @throws IllegalArgumentException listing the known backends
     */
    public IndexFactory factory(String name) {
        IndexFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown index backend '" + name + "'; known: "
                    + String.join(", ", new TreeMap<>(factories).keySet()));
        }
        return factory;
    }

    /** The backend names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(factories).keySet();
    }
}
