package io.mdfe.cli.system;

import java.util.List;

/**
 * How one service is run.
 *
 * @param port       its HTTP and gRPC port
 * @param jvmOptions its own JVM options, added after the system-wide ones
 */
public record ServiceSettings(int port, List<String> jvmOptions) {

    /** Copies the options. */
    public ServiceSettings {
        jvmOptions = List.copyOf(jvmOptions);
    }
}
