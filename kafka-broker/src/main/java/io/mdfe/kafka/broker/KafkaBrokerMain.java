package io.mdfe.kafka.broker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a {@link KafkaBroker} as its own JVM until SIGTERM (or Ctrl-C), which stops it cleanly; with
 * {@code -Dmdfe.parent-pid=PID} it also stops when that process is gone.
 *
 * <pre>
 * java -jar kafka-broker/target/mdfe-kafka-broker.jar --data .mdfe/kafka --port 9092
 * </pre>
 */
@Command(name = "mdfe-kafka-broker", mixinStandardHelpOptions = true,
        description = "A single-node KRaft Kafka broker whose data folder survives restarts.")
public final class KafkaBrokerMain implements Callable<Integer> {

    /** The line printed once the broker accepts connections; launchers may wait for it. */
    public static final String READY = "mdfe-kafka-broker: ready on ";

    @Option(names = "--data", required = true, description = "data folder (created and formatted when new)")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "9092", description = "client port, 0 = any free one (default: ${DEFAULT-VALUE})")
    int port;

    /** Starts the broker and returns; Kafka's own threads keep the JVM running until SIGTERM. */
    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: " + port + " is not a port (0-65535)");
        }
        ParentProcessWatch.install();
        KafkaBroker broker = KafkaBroker.start(data, host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            System.out.println("mdfe-kafka-broker: stopped");
        }, "broker-shutdown"));
        System.out.println(READY + broker.bootstrapServers() + " (kafka " + AppInfoParser.getVersion()
                + ", cluster " + broker.clusterId()
                + ", data " + broker.dataDirectory().toAbsolutePath() + ")");
        return 0;
    }

    /**
     * Entry point; a failure to start is one line on stderr and exit code 1.
     *
     * @param args {@code --data DIR [--host HOST] [--port PORT]}
     */
    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new KafkaBrokerMain())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("mdfe-kafka-broker: error: " + e.getMessage());
                    return 1;
                });
        int exitCode = commandLine.execute(args);
        if (exitCode != 0 || commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
            System.exit(exitCode);
        }
    }
}
