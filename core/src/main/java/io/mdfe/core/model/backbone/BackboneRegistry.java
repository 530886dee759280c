package io.mdfe.core.model.backbone;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps {@code MODEL.BACKBONE.type} to the {@link BackboneFactory} that builds it. Adding a
 * backbone = one class + one line in {@link #defaults()}.
 */
public final class BackboneRegistry {

    private final Map<String, BackboneFactory> factories;

    /**
     * @param factories type -> factory, kept in the given order (used in error messages)
     */
    public BackboneRegistry(Map<String, BackboneFactory> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /** @return the upstream foundation-model types (TorchScript exports) plus {@code demo-cnn} */
    public static BackboneRegistry defaults() {
        Map<String, BackboneFactory> map = new LinkedHashMap<>();
        map.put("clip", TorchScriptBackbone.FACTORY);
        map.put("clip_convnext", TorchScriptBackbone.FACTORY);
        map.put("clipav2", TorchScriptBackbone.FACTORY);
        map.put("eva02", TorchScriptBackbone.FACTORY);
        map.put("meta-clip", TorchScriptBackbone.FACTORY);
        map.put("siglip", TorchScriptBackbone.FACTORY);
        map.put("dinov2", TorchScriptBackbone.FACTORY);
        map.put("sam", TorchScriptBackbone.FACTORY);
        map.put("demo-cnn", DemoCnnBackbone.FACTORY);
        return new BackboneRegistry(map);
    }

    /** @return the registered types, in registration order */
    public Set<String> types() {
        return factories.keySet();
    }

    /**
     * @param type a {@code MODEL.BACKBONE.type} value
     * @return its factory
     * @throws BackboneException listing the valid types when the type is unknown
     */
    public BackboneFactory factory(String type) {
        BackboneFactory factory = factories.get(type);
        if (factory == null) {
            throw new BackboneException("Unknown MODEL.BACKBONE.type '" + type
                    + "'; valid types: " + String.join(", ", factories.keySet()));
        }
        return factory;
    }

    /**
     * @param spec what to build; its type selects the factory
     * @param manager parent manager for the backbone's parameters
     * @return the backbone, to be closed by the caller
     */
    public Backbone create(BackboneSpec spec, NDManager manager) {
        return factory(spec.type()).create(spec, manager);
    }

    /**
     * Loads a backbone that {@link Backbone#saveTo} wrote; its sidecar's type selects the factory.
     *
     * @param dir the saved backbone folder
     * @param trainable true to load the parameters with gradients
     * @param manager parent manager
     * @return the backbone, to be closed by the caller
     */
    public Backbone load(Path dir, boolean trainable, NDManager manager) {
        BackboneInfo info = BackboneInfo.read(dir.resolve(BackboneFactory.SIDECAR));
        return factory(info.type()).load(dir, info, trainable, manager);
    }
}
