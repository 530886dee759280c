package io.mdfe.core.index;

import io.mdfe.core.index.annoy.AnnoyIndex;
import io.mdfe.core.index.annoy.AnnoyIndexFactory;
import io.mdfe.core.index.exact.ExactIndexFactory;
import io.mdfe.core.index.milvus.MilvusConnection;
import io.mdfe.core.index.milvus.MilvusIndexFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The index backends by name, as the CLI, config and services name them ({@code exact}, {@code annoy},
 * {@code milvus}). A new backend is one factory class plus one line in {@link #local()} or
 * {@link #standard}. An unknown name is an error that lists the known ones.
 */
public final class IndexRegistry {

    private final Map<String, IndexFactory> factories;

    /** A registry of the given backends, in the given order. */
    public IndexRegistry(Map<String, IndexFactory> factories) {
        this.factories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /** The backends that run inside this process: no server needed. */
    public static IndexRegistry local() {
        return new IndexRegistry(localFactories());
    }

    /** The local backends plus {@code milvus}, talking to the Milvus server of {@code milvus}. */
    public static IndexRegistry standard(MilvusConnection milvus) {
        Map<String, IndexFactory> all = localFactories();
        all.put("milvus", new MilvusIndexFactory(milvus));
        return new IndexRegistry(all);
    }

    private static Map<String, IndexFactory> localFactories() {
        Map<String, IndexFactory> map = new LinkedHashMap<>();
        map.put("exact", new ExactIndexFactory());
        map.put(AnnoyIndex.BACKEND, new AnnoyIndexFactory());
        return map;
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
                    + String.join(", ", factories.keySet()));
        }
        return factory;
    }

    /** The backend names, in registration order. */
    public Set<String> names() {
        return factories.keySet();
    }
}
