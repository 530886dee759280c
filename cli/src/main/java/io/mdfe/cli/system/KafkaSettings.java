package io.mdfe.cli.system;

import java.util.List;

/**
 * Where the system's Kafka is.
 *
 * @param port       the port of the broker {@code mdfe up} starts
 * @param bootstrap  an external broker's bootstrap servers, or "" to start one
 * @param jvmOptions the started broker's own JVM options
 */
public record KafkaSettings(int port, String bootstrap, List<String> jvmOptions) {

    /** Copies the options. */
    public KafkaSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@return whether the broker is external, so none is started} */
    public boolean external() {
        return !bootstrap.isBlank();
    }
}
