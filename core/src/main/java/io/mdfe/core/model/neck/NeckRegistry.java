package io.mdfe.core.model.neck;

import ai.djl.nn.Block;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Builds a neck block from the upstream {@code MODEL.NECK.neck_type} name. */
public final class NeckRegistry {

    private static final Map<String, Function<NeckSpec, Block>> NECKS = new TreeMap<>(Map.of(
            ProjLayerNeck.NAME, ProjLayerNeck::new,
            PoolingNeck.NAME, PoolingNeck::new));

    private NeckRegistry() {
    }

    /** The accepted {@code MODEL.NECK.neck_type} values. */
    public static Set<String> names() {
        return NECKS.keySet();
    }

    /**
     * Creates the neck named by {@code spec.neckType()}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Block create(NeckSpec spec) {
        Function<NeckSpec, Block> factory = NECKS.get(spec.neckType());
        if (factory == null) {
            throw new IllegalArgumentException("MODEL.NECK.neck_type: unknown value '" + spec.neckType()
                    + "'; allowed: " + String.join(", ", names()));
        }
        return factory.apply(spec);
    }
}
