package io.mdfe.systemtest;

import io.mdfe.cli.system.ManagedProcess;
import io.mdfe.cli.system.ServiceName;
import io.mdfe.cli.system.SystemLauncher;
import io.mdfe.cli.system.SystemSettings;
import io.mdfe.testing.kafka.TopicReader;
import io.mdfe.testing.kafka.ValueDecoder;
import io.mdfe.service.common.security.client.ClientSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A whole system for end-to-end and chaos tests: the broker and the five services from the packaged jars,
 * on free ports, with its home in a temporary folder, started by the same launcher as {@code mdfe up}
 * (this test JVM is their parent: they exit with it). Single processes can be killed and restarted, and the
 * broker stopped and started again on the same data folder.
 *
 * <pre>
 * try (TestSystem system = TestSystem.start(tempDir)) {
 *     system.kill(ServiceName.TRAINER);
 *     system.restart(ServiceName.TRAINER);
 * }
 * </pre>
 */
final class TestSystem implements AutoCloseable {

    /** How long the processes may take to become healthy (2 shared cores: be generous). */
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final SystemSettings settings;
    private final SystemLauncher launcher;

    private TestSystem(SystemSettings settings, SystemLauncher launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    /**
     * Starts a system on free ports with its home below {@code dir} and waits until it is healthy.
     *
     * @param dir        a temporary folder for system.yaml and the home
     * @param extraLines further lines of system.yaml
     * @return the running system
     */
    static TestSystem start(Path dir, String... extraLines) {
        Path file = SystemYaml.freePorts(dir).write(dir.resolve("system.yaml"), extraLines);
        SystemSettings settings = SystemSettings.load(file, dir);
        SystemLauncher launcher = new SystemLauncher(settings, Checkout.jars(), ProcessHandle.current().pid(), System.err,
                ClientSecurity.plaintext());
        launcher.startAll(START_TIMEOUT);
        return new TestSystem(settings, launcher);
    }

    /** {@return the settings the system runs with (ports, folders)} */
    SystemSettings settings() {
        return settings;
    }

    /** {@return the Kafka bootstrap servers} */
    String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** {@return the running processes, the broker first} */
    List<ManagedProcess> processes() {
        return launcher.processList();
    }

    /** Kills a service with SIGKILL, as a crash would. */
    void kill(ServiceName service) {
        launcher.kill(service.key());
    }

    /** Starts a service again (after {@link #kill}) and waits until it is healthy. */
    void restart(ServiceName service) {
        launcher.startServices(List.of(service), START_TIMEOUT);
    }

    /** Stops the broker cleanly; its data folder stays. */
    void stopBroker() {
        launcher.stop(SystemLauncher.KAFKA);
    }

    /** Starts the broker again on the same port and data folder. */
    void startBroker() {
        launcher.startBroker(START_TIMEOUT);
    }

    /** {@return a reader of a topic of the system, from its start} */
    <V> TopicReader<V> readTopic(String topic, ValueDecoder<V> decoder) {
        return new TopicReader<>(bootstrapServers(), topic, decoder);
    }

    /** Stops everything cleanly. */
    @Override
    public void close() {
        launcher.stopAll();
    }
}
