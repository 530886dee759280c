package io.mdfe.kafka.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) whose data lives in a
 * folder that survives restarts: the first start formats the folder with a new cluster id, later
 * starts on the same folder come back as the same cluster and node with every record still there.
 *
 * <pre>
 * try (KafkaBroker kafka = KafkaBroker.start(Path.of(".mdfe/kafka"), "127.0.0.1", 9092)) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * </pre>
 *
 * <p>Topics are created on first use ({@code auto.create.topics.enable}); every internal topic has
 * replication factor 1, as one node is all there is.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The folder below the data folder that holds the log segments and {@code meta.properties}. */
    static final String LOG_DIR = "logs";

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path dataDirectory;
    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final String clusterId;

    private KafkaBroker(Path dataDirectory, KafkaRaftServer server, String host, int port, String clusterId) {
        this.dataDirectory = dataDirectory;
        this.server = server;
        this.host = host;
        this.port = port;
        this.clusterId = clusterId;
    }

    /**
     * Starts a broker on {@code dataDirectory}, formatting it first when it holds no Kafka data yet;
     * returns once the broker accepts connections.
     *
     * @param dataDirectory the broker's data folder, created when missing
     * @param host          the address to listen on and advertise, e.g. {@code 127.0.0.1}
     * @param port          the client port; 0 picks a free one
     * @return the running broker; close it to stop it (its data stays)
     * @throws IllegalStateException when the folder cannot be formatted or the broker cannot start,
     *                               e.g. because the port is taken
     */
    public static KafkaBroker start(Path dataDirectory, String host, int port) {
        Path logDir = dataDirectory.toAbsolutePath().resolve(LOG_DIR);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka data folder " + logDir, e);
        }
        int brokerPort = port == 0 ? freePort(host) : port;
        // The controller port is not stored by a static single-voter quorum, so a new free one each start is fine.
        Properties config = brokerConfig(logDir, host, brokerPort, freePort(host));
        Path propertiesFile = dataDirectory.toAbsolutePath().resolve("server.properties");
        writeProperties(propertiesFile, config);
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            formatStorage(propertiesFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException("Kafka broker on " + host + ":" + brokerPort + " did not start: "
                    + e.getMessage(), e);
        }
        return new KafkaBroker(dataDirectory, server, host, brokerPort, readClusterId(logDir));
    }

    /** {@return the value for a client's {@code bootstrap.servers}: {@code host:port}} */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** {@return the client port the broker listens on} */
    public int port() {
        return port;
    }

    /** {@return the data folder the broker was started on} */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** {@return the cluster id written when the data folder was formatted; the same after every restart} */
    public String clusterId() {
        return clusterId;
    }

    /** Stops the broker and waits until it has stopped; its data folder stays as it is. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerConfig(Path logDir, String host, int brokerPort, int controllerPort) {
        Properties config = new Properties();
        config.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@" + host + ":" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://" + host + ":" + brokerPort
                        + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort),
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
                // Consumers join at once instead of waiting 3 s for more members.
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        return config;
    }

    private static void writeProperties(Path file, Properties config) {
        try (OutputStream out = Files.newOutputStream(file)) {
            config.store(out, "mdfe single-node Kafka broker (rewritten at every start)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** What {@code kafka-storage.sh format} does, without its System.exit. */
    private static void formatStorage(Path propertiesFile) {
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

    private static String readClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        try (InputStream in = Files.newInputStream(meta)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("cluster.id", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meta, e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
