package io.mdfe.core.config;

import java.util.List;

/**
 * Where a configuration came from, for provenance and error messages: the file (or another name
 * for in-memory text) and the overrides applied on top, in order.
 *
 * @param name      the YAML file path as given, or a descriptive name such as "defaults"
 * @param overrides the {@code KEY=VALUE} overrides applied after the file
 */
public record ConfigSource(String name, List<String> overrides) {

    /** Copies the overrides. */
    public ConfigSource {
        overrides = List.copyOf(overrides);
    }

    /** {@return e.g. "configs/demo.yaml" or "configs/demo.yaml with overrides [TRAIN.epochs=1]"} */
    public String describe() {
        return overrides.isEmpty() ? name : name + " with overrides " + overrides;
    }
}
