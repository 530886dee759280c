package io.mdfe.cli;

import io.mdfe.cli.flow.EventFormatter;
import io.mdfe.cli.flow.EventTail;
import io.mdfe.cli.system.SystemOption;
import io.mdfe.cli.system.SystemSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe events}: the event topics (dataset, training, evaluation), one line per event. Reads without a
 * consumer group, so it never moves a service's offsets.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Print the events on the system's topics (mdfe.dataset-events, mdfe.training-events,"
                + " mdfe.evaluation-events), one line each: time, topic, kind, subject, key facts. Without --follow:"
                + " every event the topics hold, then exit.")
final class EventsCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted (Ctrl-C); starts"
            + " at the end of the topics unless --from-beginning.")
    boolean follow;

    @Option(names = "--from-beginning", description = "With --follow: print the events the topics hold first.")
    boolean fromBeginning;

    @Mixin
    SystemOption system;

    @Option(names = "--connect-timeout", defaultValue = "15", description = "Seconds to wait for the broker"
            + " (default ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        if (connectTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--connect-timeout must be >= 1 second, got " + connectTimeoutSeconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        SystemSettings settings = system.settings();
        EventTail.Sink print = (topic, key, value, time) -> {
            out.println(EventFormatter.format(topic, key, value, time));
            out.flush();
        };
        try (EventTail tail = new EventTail(settings.bootstrapServers(), EventFormatter.TOPICS,
                !follow || fromBeginning, Duration.ofSeconds(connectTimeoutSeconds))) {
            if (follow) {
                tail.run(print, () -> Thread.currentThread().isInterrupted(), Duration.ofMillis(500));
            } else {
                tail.drain(print);
            }
        }
        return 0;
    }
}
