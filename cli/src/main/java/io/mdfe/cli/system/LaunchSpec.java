package io.mdfe.cli.system;

import java.nio.file.Path;
import java.util.List;

/**
 * One process of the system, ready to start.
 *
 * @param name    the component's name as shown, e.g. {@code kafka} or {@code data-service}
 * @param key     its key in the run state, e.g. {@code kafka} or {@code data}
 * @param port    the port it serves on
 * @param command the full command line
 * @param logFile where its stdout and stderr go (appended, so restarts keep earlier output)
 */
public record LaunchSpec(String name, String key, int port, List<String> command, Path logFile) {

    /** Copies the command. */
    public LaunchSpec {
        command = List.copyOf(command);
    }
}
