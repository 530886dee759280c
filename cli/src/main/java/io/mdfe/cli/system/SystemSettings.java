package io.mdfe.cli.system;

import io.mdfe.core.config.ConfigException;
import io.mdfe.core.config.binding.YamlTreeReader;
import io.mdfe.core.config.schema.ConfigSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a local system, from {@code configs/system.yaml} (every key: {@link SystemSchema}):
 *
 * <pre>
 * host: 127.0.0.1
 * kafka: {port: 9092, bootstrap: ""}
 * services: {data: {port: 8081}, trainer: {port: 8082}, embedder: {port: 8083}, index: {port: 8084}, eval: {port: 8085}}
 * folders: {home: .mdfe}
 * jvm: {options: [-XX:+UseSerialGC]}
 * </pre>
 *
 * @param host       the address every process listens on
 * @param kafka      the broker
 * @param services   every service, in {@link ServiceName} order
 * @param folders    the system's folders, resolved
 * @param artifacts  the checkout whose packaged jars run, or empty for the one {@code mdfe} runs from
 * @param jvmOptions JVM options of every process
 * @param source     where the settings came from, for messages
 */
public record SystemSettings(String host, KafkaSettings kafka, Map<ServiceName, ServiceSettings> services,
                             SystemFolders folders, String artifacts, List<String> jvmOptions, String source) {

    /** Copies the collections. */
    public SystemSettings {
        services = Map.copyOf(new EnumMap<>(services));
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Reads a settings file; keys it leaves out keep their defaults.
     *
     * @param file       the YAML file
     * @param workingDir what {@code folders.home} is relative to
     * @return the settings
     * @throws ConfigException naming the file, and the key when one is unknown or has a bad value
     */
    public static SystemSettings load(Path file, Path workingDir) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ConfigException.malformed(file.toString(), "system settings file not found");
        } catch (IOException e) {
            throw ConfigException.malformed(file.toString(), "cannot read system settings: " + e.getMessage());
        }
        return fromYaml(text, file.toString(), workingDir);
    }

    /**
     * Reads settings from YAML text.
     *
     * @param yaml       the text, in the layout of {@code configs/system.yaml}
     * @param source     where it came from, for messages
     * @param workingDir what {@code folders.home} is relative to
     * @return the settings
     * @throws ConfigException when a key is unknown or a value is not allowed
     */
    public static SystemSettings fromYaml(String yaml, String source, Path workingDir) {
        ConfigSchema schema = SystemSchema.schema();
        Map<String, Object> values = schema.defaults();
        values.putAll(new YamlTreeReader(schema).read(yaml, source));
        Map<ServiceName, ServiceSettings> services = new EnumMap<>(ServiceName.class);
        for (ServiceName service : ServiceName.values()) {
            String prefix = "services." + service.key();
            services.put(service, new ServiceSettings((Integer) values.get(prefix + ".port"),
                    strings(values.get(prefix + ".jvm.options"))));
        }
        KafkaSettings kafka = new KafkaSettings((Integer) values.get("kafka.port"),
                ((String) values.get("kafka.bootstrap")).strip(), strings(values.get("kafka.jvm.options")));
        SystemSettings settings = new SystemSettings((String) values.get("host"), kafka, services,
                new SystemFolders(workingDir.toAbsolutePath().resolve((String) values.get("folders.home")).normalize()),
                (String) values.get("folders.artifacts"), strings(values.get("jvm.options")), source);
        settings.checkPortsDistinct();
        return settings;
    }

    /** {@return the settings of one service} */
    public ServiceSettings service(ServiceName name) {
        return services.get(name);
    }

    /** {@return where a service answers, {@code host:port}} */
    public String target(ServiceName name) {
        return host + ":" + service(name).port();
    }

    /** {@return the bootstrap servers the services are given: the external ones, or the started broker's} */
    public String bootstrapServers() {
        return kafka.external() ? kafka.bootstrap() : host + ":" + kafka.port();
    }

    private void checkPortsDistinct() {
        Map<Integer, String> owners = new java.util.HashMap<>();
        if (!kafka.external()) {
            owners.put(kafka.port(), "kafka.port");
        }
        for (ServiceName service : ServiceName.values()) {
            String key = "services." + service.key() + ".port";
            int port = service(service).port();
            String other = owners.putIfAbsent(port, key);
            if (other != null) {
                throw ConfigException.badValue(key, port, "port already used by " + other, source, "a port no other process uses");
            }
        }
    }

    private static List<String> strings(Object value) {
        return ((List<?>) value).stream().map(String.class::cast).toList();
    }
}
