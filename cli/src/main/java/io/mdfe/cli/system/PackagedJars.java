package io.mdfe.cli.system;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the packaged jars of a checkout are: each service's Quarkus fast-jar
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}) and the broker's
 * ({@code kafka-broker/target/mdfe-kafka-broker.jar}). {@code ./mdfe} builds them when missing or stale.
 *
 * @param root the checkout
 */
public record PackagedJars(Path root) {

    /** The system property {@code ./mdfe} sets to the checkout it runs from. */
    static final String REPO_PROPERTY = "mdfe.repo";

    /**
     * The jars named by the settings: {@code folders.artifacts}, else the checkout {@code mdfe} runs
     * from ({@value #REPO_PROPERTY}, else the one holding this class: {@code cli/target/<jar or classes>}).
     *
     * @param settings the system settings
     * @return the jar locations
     */
    public static PackagedJars of(SystemSettings settings) {
        if (!settings.artifacts().isBlank()) {
            return new PackagedJars(Path.of(settings.artifacts()).toAbsolutePath().normalize());
        }
        String repo = System.getProperty(REPO_PROPERTY, "");
        if (!repo.isBlank()) {
            return new PackagedJars(Path.of(repo).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(PackagedJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new PackagedJars(code.getParent().getParent().getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the mdfe checkout; set folders.artifacts", e);
        }
    }

    /** {@return the broker's runnable jar} */
    public Path broker() {
        return root.resolve("kafka-broker/target/mdfe-kafka-broker.jar");
    }

    /** {@return a service's runnable Quarkus jar} */
    public Path service(ServiceName service) {
        return root.resolve(service.serviceName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Checks that the jars to run exist.
     *
     * @param withBroker whether the broker's jar is needed too
     * @throws IllegalStateException naming the first missing jar and how to build it
     */
    public void check(boolean withBroker) {
        List<Path> needed = new ArrayList<>();
        if (withBroker) {
            needed.add(broker());
        }
        for (ServiceName service : ServiceName.values()) {
            needed.add(service(service));
        }
        for (Path jar : needed) {
            if (!Files.isRegularFile(jar)) {
                String module = root.relativize(jar).getName(0).toString();
                throw new IllegalStateException("packaged jar missing: " + jar + " (./mdfe builds it, or: mvn -B -pl "
                        + module + " -am package -DskipTests)");
            }
        }
    }
}
