package io.mdfe.cli.system;

import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.service.common.security.client.ClientSecurity;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe status}: the health and ServiceInfo of each service, and whether Kafka listens. Works from
 * any shell: ports and pids come from the run state {@code mdfe up} wrote under the system's home, else
 * from the settings. Exit code 0 when everything is healthy, 3 otherwise.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each service's health and version (ServiceInfo), and whether Kafka is up.")
public final class StatusCommand implements Callable<Integer> {

    /** Exit code when something is not running or not healthy (as LSB init scripts' status). */
    static final int NOT_HEALTHY = 3;

    @Mixin
    SystemOption system;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SystemSettings settings = system.settings();
        ClientSecurity security = SystemOption.security();
        Optional<RunState> state = RunState.read(settings.folders().runState());
        Map<String, RunState.Entry> recorded = state.map(RunState::processes).orElse(Map.of());
        PrintWriter out = spec.commandLine().getOut();
        out.println(state.map(s -> "system in " + settings.folders().home() + ", started by mdfe up (pid "
                        + s.launcherPid() + (s.launcherAlive() ? ")" : ", no longer running)"))
                .orElse("no system started by mdfe up in " + settings.folders().home() + "; probing the configured ports"));

        boolean healthy = true;
        TextTable table = new TextTable("service", "port", "pid", "health", "version", "started");
        if (settings.kafka().external()) {
            table.row("kafka (external)", settings.kafka().bootstrap(), "-", "-", "-", "-");
        } else {
            int port = port(recorded, SystemLauncher.KAFKA, settings.kafka().port());
            boolean listening = PortCheck.listening(settings.host(), port);
            healthy &= listening;
            table.row("kafka", port, pid(recorded, SystemLauncher.KAFKA), listening ? "LISTENING" : "DOWN", "-", "-");
        }
        for (ServiceName service : ServiceName.values()) {
            int port = port(recorded, service.key(), settings.service(service).port());
            try (HealthProbe probe = new HealthProbe(settings.host(), port, security)) {
                String health = probe.health();
                Optional<GetInfoResponse> info = probe.info();
                healthy &= HealthProbe.SERVING.equals(health);
                table.row(service.serviceName(), port, pid(recorded, service.key()), health,
                        info.map(UpCommand::version).orElse("-"),
                        info.map(i -> Instant.ofEpochSecond(i.getStartTime().getSeconds())
                                .truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-"));
            }
        }
        out.print(table.render());
        out.flush();
        return healthy ? 0 : NOT_HEALTHY;
    }

    private static int port(Map<String, RunState.Entry> recorded, String key, int configured) {
        RunState.Entry entry = recorded.get(key);
        return entry == null ? configured : entry.port();
    }

    private static String pid(Map<String, RunState.Entry> recorded, String key) {
        RunState.Entry entry = recorded.get(key);
        return entry != null && entry.alive() ? String.valueOf(entry.pid()) : "-";
    }
}
