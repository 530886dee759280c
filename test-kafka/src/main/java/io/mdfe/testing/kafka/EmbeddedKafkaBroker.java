package io.mdfe.testing.kafka;

import io.mdfe.kafka.broker.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) running inside the test JVM,
 * on free localhost ports, with its data in a fresh temporary directory that is deleted on close. It stands
 * in for Dev Services, which need Docker. The broker itself is mdfe-kafka-broker's {@link KafkaBroker},
 * the one {@code mdfe up} runs.
 *
 * <pre>
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * </pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    // The broker logs at INFO for every partition and request; WARN keeps test output readable.
    // Held strongly: java.util.logging forgets levels of loggers nobody references.
    private static final Logger[] QUIET_LOGGERS = {
        Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"),
    };

    private final Path directory;
    private final int port;
    private KafkaBroker broker;

    private EmbeddedKafkaBroker(Path directory, KafkaBroker broker) {
        this.directory = directory;
        this.broker = broker;
        this.port = broker.port();
    }

    /**
     * Starts a broker on a new temporary directory; returns once it accepts connections.
     *
     * @return the running broker; close it to stop it and delete its data
     */
    public static EmbeddedKafkaBroker start() {
        for (Logger logger : QUIET_LOGGERS) {
            logger.setLevel(Level.WARNING);
        }
        Path directory = createTempDirectory();
        try {
            return new EmbeddedKafkaBroker(directory, KafkaBroker.start(directory, "localhost", 0));
        } catch (RuntimeException | Error e) {
            deleteRecursively(directory);
            throw e;
        }
    }

    /**
     * The value for a client's {@code bootstrap.servers}.
     *
     * @return {@code localhost:<port>}
     */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /**
     * Stops the broker and waits until it has stopped, keeping its data: clients see the broker go away, as
     * in an outage, until {@link #restart()}.
     */
    public synchronized void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /**
     * Starts a stopped broker again on the same data directory and port, so every topic, record and committed
     * offset is back and clients reconnect on their own.
     *
     * @throws IllegalStateException when the broker is running
     */
    public synchronized void restart() {
        if (broker != null) {
            throw new IllegalStateException("the broker is running");
        }
        broker = KafkaBroker.start(directory, "localhost", port);
    }

    /** Stops the broker, waits until it has stopped, and deletes its data directory. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteRecursively(directory);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("mdfe-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for Kafka", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
