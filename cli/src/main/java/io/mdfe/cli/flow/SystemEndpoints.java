package io.mdfe.cli.flow;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Where the services and the Kafka broker of a local system are, read from its settings file
 * ({@code configs/system.yaml}): {@code host}, {@code services.<name>.port} and {@code kafka.port} /
 * {@code kafka.bootstrap}. Only these keys are read here; the file's full schema belongs to {@code mdfe up}.
 * A missing file means the defaults (127.0.0.1, ports 8081-8085, Kafka on 9092).
 *
 * @param host the host every service and the broker listen on
 * @param ports service name (data, trainer, embedder, index, eval) to its gRPC/HTTP port
 * @param kafkaBootstrap the Kafka bootstrap servers
 */
public record SystemEndpoints(String host, Map<String, Integer> ports, String kafkaBootstrap) {

    /** The services, in pipeline order. */
    public static final List<String> SERVICES = List.of("data", "trainer", "embedder", "index", "eval");

    /** Copies the ports. */
    public SystemEndpoints {
        ports = Map.copyOf(ports);
    }

    /** {@return the defaults of {@code configs/system.yaml}} */
    public static SystemEndpoints defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            ports.put(SERVICES.get(i), 8081 + i);
        }
        return new SystemEndpoints("127.0.0.1", ports, "127.0.0.1:9092");
    }

    /**
     * Reads the endpoints from a settings file, the defaults for keys it leaves out.
     *
     * @param file the settings file; when it does not exist, the defaults
     * @return the endpoints
     * @throws IOException naming the file and key of a malformed value
     */
    public static SystemEndpoints load(Path file) throws IOException {
        SystemEndpoints defaults = defaults();
        if (!Files.exists(file)) {
            return defaults;
        }
        Object root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> top = root == null ? Map.of() : map(root, file, "(top level)");
        String host = top.get("host") == null ? defaults.host() : string(top.get("host"), file, "host");
        Map<String, Integer> ports = new LinkedHashMap<>(defaults.ports());
        if (top.get("services") != null) {
            map(top.get("services"), file, "services").forEach((name, settings) -> {
                if (settings != null && map(settings, file, "services." + name).get("port") != null) {
                    ports.put(name.toString(), port(map(settings, file, "services." + name).get("port"), file,
                            "services." + name + ".port"));
                }
            });
        }
        String bootstrap = host + ":9092";
        if (top.get("kafka") != null) {
            Map<?, ?> kafka = map(top.get("kafka"), file, "kafka");
            Object explicit = kafka.get("bootstrap");
            if (explicit != null && !string(explicit, file, "kafka.bootstrap").isBlank()) {
                bootstrap = explicit.toString();
            } else if (kafka.get("port") != null) {
                bootstrap = host + ":" + port(kafka.get("port"), file, "kafka.port");
            }
        }
        return new SystemEndpoints(host, ports, bootstrap);
    }

    /**
     * {@return the {@code host:port} of a service}
     *
     * @param service data, trainer, embedder, index or eval
     * @throws IllegalArgumentException for another name
     */
    public String target(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service '" + service + "'; known: " + ports.keySet());
        }
        return host + ":" + port;
    }

    private static Map<?, ?> map(Object value, Path file, String key) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a mapping, got '" + value + "'");
        }
        return m;
    }

    private static String string(Object value, Path file, String key) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a string, got '" + value + "'");
        }
        return s;
    }

    private static int port(Object value, Path file, String key) {
        if (!(value instanceof Integer p) || p < 1 || p > 65535) {
            throw new IllegalArgumentException(file + ": " + key + " must be a port number 1-65535, got '" + value
                    + "'");
        }
        return p;
    }
}
