package io.mdfe.core.model.head;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Creates margin heads by their upstream {@code MODEL.HEAD.name}. Sub-center variants are not
 * separate names: they are the same head with {@code MODEL.HEAD.k > 1}.
 */
public final class HeadRegistry {

    private static final Map<String, Function<HeadSpec, MarginHead>> HEADS = heads();

    private HeadRegistry() {}

    private static Map<String, Function<HeadSpec, MarginHead>> heads() {
        Map<String, Function<HeadSpec, MarginHead>> heads = new LinkedHashMap<>();
        heads.put("ArcFace", ArcFaceHead::new);
        heads.put("DynM-ArcFace", DynMArcFaceHead::new);
        heads.put("AdaCos", AdaCosHead::new);
        heads.put("LiArcFace", LiArcFaceHead::new);
        heads.put("CurricularFace", CurricularFaceHead::new);
        heads.put("AdaFace", AdaFaceHead::new);
        return Collections.unmodifiableMap(heads);
    }

    /**
     * Returns the valid head names, in the upstream's order.
     *
     * @return the {@code MODEL.HEAD.name} values
     */
    public static Set<String> names() {
        return HEADS.keySet();
    }

    /**
     * Creates the head named by {@code spec.name()}, with fresh (uninitialised) weights.
     *
     * @param spec validated hyperparameters
     * @return the head block
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones) or
     *     a head-specific configuration error
     */
    public static MarginHead create(HeadSpec spec) {
        Function<HeadSpec, MarginHead> factory = HEADS.get(spec.name());
        if (factory == null) {
            throw new IllegalArgumentException(
                    "MODEL.HEAD.name '" + spec.name() + "' is unknown; valid names: " + names());
        }
        return factory.apply(spec);
    }
}
