package io.mdfe.core.config.binding;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.schema.ConfigKey;
import io.mdfe.core.config.schema.ConfigSchema;
import io.mdfe.core.config.schema.ValueType;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Applies command-line overrides {@code KEY=VALUE} (e.g. {@code MODEL.HEAD.k=3},
 * {@code DATASET.names=[m4d-35k,uned]}, {@code TRAIN.save_epoch=[1,5]}). The value is read as
 * YAML, so it is typed the same way as in a file; a string key takes the text as written.
 */
public final class Overrides {

    private final ConfigSchema schema;

    /** @param schema the keys that may be overridden */
    public Overrides(ConfigSchema schema) {
        this.schema = schema;
    }

    /**
     * Converts, checks and puts every override into {@code values}, in order (a later override of
     * the same key wins).
     *
     * @throws ConfigException naming the override on a missing '=', an unknown key or a bad value
     */
    public void apply(List<String> overrides, Map<String, Object> values) {
        for (String override : overrides) {
            String where = "override '" + override + "'";
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.malformed(where, "expected KEY=VALUE, e.g. MODEL.HEAD.k=3");
            }
            String path = override.substring(0, eq).trim();
            String text = override.substring(eq + 1).trim();
            ConfigKey key = schema.find(path).orElseThrow(() -> schema.isSection(path)
                    ? new ConfigException(path, text, path + " in " + where + " is a section; override one of its keys")
                    : ConfigException.unknownKey(path, where, schema.suggest(path)));
            values.put(path, key.resolve(raw(key, text, where), where));
        }
    }

    private static Object raw(ConfigKey key, String text, String where) {
        if (key.type() == ValueType.STRING) {
            return unquote(text);
        }
        try {
            return YamlTreeReader.parseValue(text);
        } catch (YAMLException e) {
            throw ConfigException.badValue(key.path(), text, "bad value", where, key.allowed());
        }
    }

    private static String unquote(String text) {
        boolean quoted = text.length() >= 2 && (text.charAt(0) == '"' || text.charAt(0) == '\'')
                && text.charAt(text.length() - 1) == text.charAt(0);
        return quoted ? text.substring(1, text.length() - 1) : text;
    }
}
