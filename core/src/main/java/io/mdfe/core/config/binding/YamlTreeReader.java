package io.mdfe.core.config.binding;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.schema.ConfigKey;
import io.mdfe.core.config.schema.ConfigSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a yacs-style YAML config (upper-case sections nesting lower-case keys) into a flat
 * {@code path -> value} map of the keys it sets, converted and checked against the schema.
 * Loading is safe (no arbitrary types) and duplicate keys are an error, not "last one wins".
 */
public final class YamlTreeReader {

    private final ConfigSchema schema;

    /** @param schema the keys and sections that may appear */
    public YamlTreeReader(ConfigSchema schema) {
        this.schema = schema;
    }

    /**
     * @param yamlText the file's text
     * @param where    the file name, for error messages
     * @return the values the text sets, by full path
     * @throws ConfigException on malformed YAML, unknown keys or bad values
     */
    public Map<String, Object> read(String yamlText, String where) {
        Object root = parse(yamlText, where);
        Map<String, Object> values = new LinkedHashMap<>();
        if (root == null) {
            return values; // An empty file sets nothing.
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw ConfigException.malformed(where, "expected a mapping of sections (SEED, MODEL, ...) at the top level");
        }
        collect("", map, where, values);
        return values;
    }

    /** Parses one YAML scalar or flow collection, e.g. an override's value {@code [1, 5]}. */
    static Object parseValue(String text) {
        return newYaml().load(text);
    }

    private void collect(String section, Map<?, ?> map, String where, Map<String, Object> values) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            String path = section.isEmpty() ? name : section + "." + name;
            Optional<ConfigKey> key = schema.find(path);
            if (key.isPresent()) {
                values.put(path, key.get().resolve(entry.getValue(), where));
            } else if (schema.isSection(path)) {
                if (!(entry.getValue() instanceof Map<?, ?> nested)) {
                    throw new ConfigException(path, String.valueOf(entry.getValue()),
                            path + " in " + where + " is a section; expected a mapping of its keys, not '"
                                    + entry.getValue() + "'");
                }
                collect(path, nested, where, values);
            } else {
                throw ConfigException.unknownKey(path, where, schema.suggest(path));
            }
        }
    }

    private static Object parse(String yamlText, String where) {
        try {
            return newYaml().load(yamlText);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw ConfigException.malformed(where, "invalid YAML" + at + ": " + oneLine(e.getProblem()));
        } catch (YAMLException e) {
            throw ConfigException.malformed(where, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
