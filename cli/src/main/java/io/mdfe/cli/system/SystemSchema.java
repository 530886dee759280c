package io.mdfe.cli.system;

import io.mdfe.core.config.schema.ConfigKey;
import io.mdfe.core.config.schema.ConfigSchema;
import io.mdfe.core.config.schema.Constraint;
import io.mdfe.core.config.schema.Matches;
import io.mdfe.core.config.schema.Range;
import io.mdfe.core.config.schema.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every key of {@code configs/system.yaml} with its default: the single place they live. The file is
 * read as strictly as an MDFE2 config (unknown keys and bad values are one line naming the key), and
 * its part of {@code configs/README.md} is generated from this list.
 */
public final class SystemSchema {

    /** Default ports: 8081.. in {@link ServiceName} order. */
    static final int FIRST_SERVICE_PORT = 8081;

    // Idle memory: serial GC (no parallel GC threads or card tables), small thread stacks and code cache.
    private static final List<String> JVM_OPTIONS =
            List.of("-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    // Heap caps per process; C1 only (TieredStopAtLevel=1) where nothing hot runs in Java: the exact
    // index's Vector API kernels (index, eval) and the image transforms (embedder) need C2.
    private static final Map<ServiceName, List<String>> SERVICE_JVM_OPTIONS = Map.of(
            ServiceName.DATA, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
            ServiceName.TRAINER, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
            ServiceName.EMBEDDER, List.of("-Xmx1g"),
            ServiceName.INDEX, List.of("-Xmx2g"),
            ServiceName.EVAL, List.of("-Xmx2g"));

    private static final ConfigSchema SCHEMA = ConfigSchema.of(keys());

    private SystemSchema() {
    }

    /** {@return the schema of configs/system.yaml} */
    public static ConfigSchema schema() {
        return SCHEMA;
    }

    private static List<ConfigKey> keys() {
        Constraint port = Range.closed(1, 65535);
        Constraint none = Constraint.NONE;
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(key("host", ValueType.STRING, "127.0.0.1",
                "address every process listens on, and clients connect to", Matches.regex("\\S+", "a host name or address")));
        keys.add(key("kafka.port", ValueType.INT, 9092, "port of the Kafka broker `mdfe up` starts", port));
        keys.add(key("kafka.bootstrap", ValueType.STRING, "",
                "bootstrap servers of an external Kafka; set = no broker is started, empty = `mdfe up` starts one "
                        + "on kafka.port with its data in kafka/ below folders.home (kept across restarts)", none));
        keys.add(key("kafka.jvm.options", ValueType.STRING_LIST, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                "JVM options of the broker, after jvm.options", none));
        int servicePort = FIRST_SERVICE_PORT;
        for (ServiceName service : ServiceName.values()) {
            String prefix = "services." + service.key();
            keys.add(key(prefix + ".port", ValueType.INT, servicePort++,
                    "HTTP and gRPC port of " + service.serviceName(), port));
            keys.add(key(prefix + ".jvm.options", ValueType.STRING_LIST, SERVICE_JVM_OPTIONS.get(service),
                    "JVM options of " + service.serviceName() + ", after jvm.options (so they win)", none));
        }
        keys.add(key("folders.home", ValueType.STRING, ".mdfe",
                "the system's folder, relative to the working directory: data/ (datasets), runs/, state/ (a folder "
                        + "per service), kafka/, logs/, models/ and the run state of `mdfe up`", Matches.regex(".*\\S.*", "a folder")));
        keys.add(key("folders.artifacts", ValueType.STRING, "",
                "the checkout whose packaged jars are run (each module's target/ folder); empty = the one `mdfe` runs from", none));
        keys.add(key("jvm.options", ValueType.STRING_LIST, JVM_OPTIONS, "JVM options of every process", none));
        return keys;
    }

    private static ConfigKey key(String path, ValueType type, Object defaultValue, String description,
                                 Constraint constraint) {
        return new ConfigKey(path, type, defaultValue, description, constraint, false);
    }
}
