package io.mdfe.core.config;

import io.mdfe.core.config.binding.Overrides;
import io.mdfe.core.config.binding.RecordBinder;
import io.mdfe.core.config.binding.YamlTreeReader;
import io.mdfe.core.config.schema.ConfigSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads an {@link MdfeConfig}: schema defaults, then the YAML file's values, then the
 * {@code KEY=VALUE} overrides in order; every value is type- and range-checked as it is read,
 * then keys that depend on each other are checked together.
 */
public final class ConfigLoader {

    private static final ConfigSchema SCHEMA = ConfigSchema.mdfe2();

    private ConfigLoader() {
    }

    /**
     * @param yaml      an upstream-style YAML config file
     * @param overrides {@code KEY=VALUE} strings, e.g. {@code MODEL.HEAD.k=3}; may be empty
     * @throws ConfigException when the file cannot be read or any value is unknown or not allowed
     */
    public static MdfeConfig load(Path yaml, List<String> overrides) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.malformed(yaml.toString(), "config file not found");
        } catch (IOException e) {
            throw ConfigException.malformed(yaml.toString(), "cannot read config file: " + e.getMessage());
        }
        if (text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
            // every key at its default would train for the upstream's GPU: surely not what was meant
            throw ConfigException.malformed(yaml.toString(), "empty config file (no keys); start from configs/demo.yaml");
        }
        return fromYamlString(text, yaml.toString(), overrides);
    }

    /** {@return the upstream defaults, every key at its schema default} */
    public static MdfeConfig defaults() {
        return fromYamlString("", "defaults", List.of());
    }

    /**
     * @param yaml       YAML text in the upstream layout
     * @param sourceName where the text came from, used in errors and {@link MdfeConfig#source()}
     * @param overrides  {@code KEY=VALUE} strings applied after the text
     * @throws ConfigException when any key is unknown or any value is not allowed
     */
    public static MdfeConfig fromYamlString(String yaml, String sourceName, List<String> overrides) {
        Map<String, Object> values = SCHEMA.defaults();
        values.putAll(new YamlTreeReader(SCHEMA).read(yaml, sourceName));
        new Overrides(SCHEMA).apply(overrides, values);
        ConfigSource source = new ConfigSource(sourceName, overrides);
        MdfeConfig config = RecordBinder.bind(MdfeConfig.class, values, Map.of(ConfigSource.class, source));
        ConsistencyRules.check(config);
        return config;
    }
}
