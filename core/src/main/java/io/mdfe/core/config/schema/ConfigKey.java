package io.mdfe.core.config.schema;

import io.mdfe.core.config.ConfigException;

/**
 * One configuration key: its full dotted path as upstream writes it ({@code MODEL.HEAD.k}), type,
 * default, description and allowed values. The default is checked against type and constraint when
 * the key is created, so a bad default fails at class-load time rather than in a user's run.
 *
 * @param path         full dotted key; upper-case sections, lower-case leaf names (yacs style)
 * @param type         value type
 * @param defaultValue converted default (Integer, Double, Boolean, String or List)
 * @param description  what the key means, with units
 * @param constraint   what values are allowed beyond the type
 * @param optional     whether {@code None}/{@code null} is accepted, meaning "use the default"
 */
public record ConfigKey(String path, ValueType type, Object defaultValue, String description,
                        Constraint constraint, boolean optional) {

    /** Checks that the default has the key's type and satisfies its constraint. */
    public ConfigKey {
        if (description.isBlank()) {
            throw new IllegalArgumentException(path + ": every key needs a description");
        }
        Object converted = type.convert(defaultValue)
                .orElseThrow(() -> new IllegalArgumentException(path + ": default does not have type " + type));
        if (!converted.equals(defaultValue) || !constraint.accepts(converted)) {
            throw new IllegalArgumentException(path + ": default '" + defaultValue + "' is not allowed: "
                    + allowed());
        }
    }

    /** {@return the leaf name, e.g. "k" for MODEL.HEAD.k} */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** {@return the section path, e.g. "MODEL.HEAD" for MODEL.HEAD.k; "" for a top-level key like SEED} */
    public String section() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** {@return what the key accepts, for humans: the type and, when there is one, the constraint} */
    public String allowed() {
        String rule = constraint.describe();
        if (rule.isEmpty()) {
            return type.describe();
        }
        return type == ValueType.STRING ? rule : type.describe() + " with " + rule;
    }

    /**
     * Converts and checks a raw YAML value for this key.
     *
     * @param raw   as SnakeYAML's safe loader returns it; null or the Python spelling "None" means unset
     * @param where where the value came from, for the error message (file name, override)
     * @return the converted value
     * @throws ConfigException naming key, value, where and what is allowed
     */
    public Object resolve(Object raw, String where) {
        if (raw == null || "None".equals(raw)) {
            if (optional) {
                return defaultValue;
            }
            throw ConfigException.badValue(path, "None", "bad value", where, allowed());
        }
        Object value = type.convert(raw)
                .orElseThrow(() -> ConfigException.badValue(path, raw, "bad value", where, allowed()));
        if (!constraint.accepts(value)) {
            String rule = constraint.describe();
            throw ConfigException.badValue(path, raw, constraint.problem(), where, rule);
        }
        return value;
    }
}
