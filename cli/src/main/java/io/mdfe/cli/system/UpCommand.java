package io.mdfe.cli.system;

import io.mdfe.proto.common.GetInfoResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe up}: starts the Kafka broker and the five services, each a JVM of its packaged jar, waits
 * until all are healthy, prints one table, then runs until Ctrl-C, SIGTERM or {@code mdfe down}, which
 * stop everything cleanly. The processes watch this one's pid, so even a SIGKILL leaves no orphan.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the whole system on this machine (Kafka + the five services) and run until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    SystemOption system;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long the processes may take to become healthy (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout: must be at least 1 second, got " + timeoutSeconds);
        }
        SystemSettings settings = system.settings();
        SystemFolders folders = settings.folders();
        RunState.read(folders.runState()).filter(RunState::launcherAlive).ifPresent(state -> {
            throw new IllegalStateException("a system is already running from " + folders.home()
                    + " (mdfe up, pid " + state.launcherPid() + "); stop it with: mdfe down");
        });
        SystemLauncher.checkPortsFree(settings);
        PackagedJars jars = PackagedJars.of(settings);
        jars.check(!settings.kafka().external());

        PrintWriter out = spec.commandLine().getOut();
        SystemLauncher launcher = new SystemLauncher(settings, jars, ProcessHandle.current().pid(), System.err,
                SystemOption.security());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.stopAll();
            deleteRunState(settings);
        }, "mdfe-up-shutdown"));

        long start = System.nanoTime();
        launcher.startAll(Duration.ofSeconds(timeoutSeconds));
        RunState.of(ProcessHandle.current(), launcher.processes()).write(folders.runState());
        out.print(table(settings, launcher));
        out.printf("started in %.1f s; logs in %s; Ctrl-C or `mdfe down` stops it%n",
                (System.nanoTime() - start) / 1e9, folders.logs());
        out.flush();
        watch(launcher);
        return 0;
    }

    private static String table(SystemSettings settings, SystemLauncher launcher) {
        TextTable table = new TextTable("service", "port", "pid", "version", "log");
        for (ManagedProcess process : launcher.processList()) {
            String version = "-";
            if (!SystemLauncher.KAFKA.equals(process.spec().key())) {
                try (HealthProbe probe = new HealthProbe(settings.host(), process.spec().port(), launcher.security())) {
                    version = probe.info().map(UpCommand::version).orElse("?");
                }
            } else {
                version = brokerVersion(process.output());
            }
            table.row(process.spec().name(), process.spec().port(), process.pid(), version, process.logFile());
        }
        if (settings.kafka().external()) {
            table.row("kafka (external)", settings.kafka().bootstrap(), "-", "-", "-");
        }
        return table.render();
    }

    static String version(GetInfoResponse info) {
        return info.getVersion() + " (" + info.getGitCommit() + ")";
    }

    /** The Kafka version from the broker's ready line ("... (kafka 4.1.2, cluster ...)"), or "-". */
    private static String brokerVersion(String output) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\(kafka ([^,)]+)").matcher(output);
        return matcher.find() ? "kafka " + matcher.group(1) : "-";
    }

    /** Runs until the JVM is stopped, telling once about each process that exits on its own meanwhile. */
    private static void watch(SystemLauncher launcher) throws InterruptedException {
        Set<Long> reported = new HashSet<>();
        while (true) {
            for (ManagedProcess process : launcher.processList()) {
                if (!process.alive() && reported.add(process.pid())) {
                    System.err.println("mdfe up: " + process.spec().name() + " (pid " + process.pid()
                            + ") exited with code " + process.exitCode() + "; see " + process.logFile());
                }
            }
            Thread.sleep(1000);
        }
    }

    private static void deleteRunState(SystemSettings settings) {
        try {
            Files.deleteIfExists(settings.folders().runState());
        } catch (IOException e) {
            System.err.println("mdfe up: cannot delete " + settings.folders().runState() + ": " + e.getMessage());
        }
    }
}
