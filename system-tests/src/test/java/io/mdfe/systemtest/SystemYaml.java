package io.mdfe.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code system.yaml} for a test: free ports (never the defaults, other builds run here too), the home
 * in a temporary folder, and optional extra lines.
 *
 * @param kafkaPort    the broker's port
 * @param servicePorts data, trainer, embedder, index, eval
 * @param home          the system's home folder
 * @param serviceExtras per service, more of its YAML mapping (e.g. {@code jvm: {options: [...]}}) or ""
 */
record SystemYaml(int kafkaPort, List<Integer> servicePorts, Path home, List<String> serviceExtras) {

    private static final String[] SERVICES = {"data", "trainer", "embedder", "index", "eval"};

    /** {@return settings with six free ports and the home {@code dir/home}} */
    static SystemYaml freePorts(Path dir) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < SERVICES.length; i++) {
            ports.add(freePort());
        }
        return new SystemYaml(freePort(), ports, dir.resolve("home"), List.of("", "", "", "", ""));
    }

    /** {@return the same settings with one service's port replaced} */
    SystemYaml withServicePort(int index, int port) {
        List<Integer> ports = new ArrayList<>(servicePorts);
        ports.set(index, port);
        return new SystemYaml(kafkaPort, ports, home, serviceExtras);
    }

    /** {@return the same settings with more YAML in one service's mapping, e.g. {@code jvm: {options: [-Xmx1g]}}} */
    SystemYaml withServiceYaml(int index, String yaml) {
        List<String> extras = new ArrayList<>(serviceExtras);
        extras.set(index, ", " + yaml);
        return new SystemYaml(kafkaPort, servicePorts, home, extras);
    }

    /** {@return the same settings with another home} */
    SystemYaml withHome(Path otherHome) {
        return new SystemYaml(kafkaPort, servicePorts, otherHome, serviceExtras);
    }

    /**
     * Writes the file.
     *
     * @param file       where
     * @param extraLines further YAML, e.g. a service's {@code jvm} options
     * @return {@code file}
     */
    Path write(Path file, String... extraLines) {
        StringBuilder yaml = new StringBuilder("host: 127.0.0.1\n")
                .append(String.format(Locale.ROOT, "kafka: {port: %d}%n", kafkaPort))
                .append("services:\n");
        for (int i = 0; i < SERVICES.length; i++) {
            yaml.append(String.format(Locale.ROOT, "  %s: {port: %d%s}%n", SERVICES[i], servicePorts.get(i),
                    serviceExtras.get(i)));
        }
        yaml.append("folders: {home: '").append(home).append("'}\n");
        for (String line : extraLines) {
            yaml.append(line).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** {@return a port nothing listens on right now} */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
