package io.mdfe.testing.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) running inside the test JVM,
 * on free localhost ports, with its data in a fresh temporary directory. It stands in for Dev Services,
 * which need Docker.
 *
 * <pre>
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * </pre>
 *
 * <p>Topics are created on first use ({@code auto.create.topics.enable}); every internal topic has
 * replication factor 1, as one node is all there is.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    // The broker logs at INFO for every partition and request; WARN keeps test output readable.
    // Held strongly: java.util.logging forgets levels of loggers nobody references.
    private static final Logger[] QUIET_LOGGERS = {
        Logger.getLogger("kafka"), Logger.getLogger("org.apache.kafka"), Logger.getLogger("state.change.logger"),
    };

    private final Path directory;
    private final Properties config;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path directory, Properties config, KafkaRaftServer server, String bootstrapServers) {
        this.directory = directory;
        this.config = config;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats a new storage directory and starts a broker on it; returns once it accepts connections.
     *
     * @return the running broker; close it to stop it and delete its data
     */
    public static EmbeddedKafkaBroker start() {
        for (Logger logger : QUIET_LOGGERS) {
            logger.setLevel(Level.WARNING);
        }
        Path directory = createTempDirectory();
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties config = brokerConfig(directory.resolve("logs"), brokerPort, controllerPort);
            formatStorage(directory.resolve("server.properties"), config);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafkaBroker(directory, config, server, "localhost:" + brokerPort);
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
        return bootstrapServers;
    }

    /**
     * Stops the broker and waits until it has stopped, keeping its data: clients see the broker go away, as
     * in an outage, until {@link #restart()}.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /**
     * Starts a stopped broker again on the same data directory and ports, so every topic, record and committed
     * offset is back and clients reconnect on their own.
     *
     * @throws IllegalStateException when the broker is running
     */
    public synchronized void restart() {
        if (server != null) {
            throw new IllegalStateException("the broker is running");
        }
        KafkaRaftServer restarted = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        restarted.startup();
        server = restarted;
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

    private static Properties brokerConfig(Path logDir, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + brokerPort
                        + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("auto.create.topics.enable", "true"),
                Map.entry("num.partitions", "1"),
                // One node: every replicated internal topic must make do with one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // Consumers in tests join at once instead of waiting 3 s for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return config;
    }

    /** What {@code kafka-storage.sh format} does, without its System.exit. */
    private static void formatStorage(Path propertiesFile, Properties config) {
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            config.store(out, "embedded test broker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile, e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", propertiesFile.toString(),
            }, print);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (" + exitCode + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
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
