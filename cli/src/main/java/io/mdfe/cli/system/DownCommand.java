package io.mdfe.cli.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe down}: stops the system {@code mdfe up} started, from its run state. It sends SIGTERM to
 * {@code mdfe up}, which stops its processes cleanly; whatever is still running after that (e.g. when
 * {@code mdfe up} is gone) is stopped directly: services first, the broker last, each with SIGTERM and
 * then SIGKILL after a grace period.
 */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the system that mdfe up started.")
public final class DownCommand implements Callable<Integer> {

    // mdfe up stops the services (grace each, together), then the broker (grace): twice the grace and some.
    private static final Duration LAUNCHER_GRACE = SystemLauncher.STOP_GRACE.multipliedBy(2).plusSeconds(10);

    @Mixin
    SystemOption system;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SystemSettings settings = system.settings();
        PrintWriter out = spec.commandLine().getOut();
        var state = RunState.read(settings.folders().runState());
        if (state.isEmpty()) {
            out.println("nothing to stop: no system started by mdfe up in " + settings.folders().home());
            return 0;
        }
        RunState run = state.get();
        if (run.launcherAlive()) {
            ProcessHandle.of(run.launcherPid()).ifPresent(launcher -> ManagedProcess.stop(launcher, LAUNCHER_GRACE));
        }
        List<RunState.Entry> entries = new ArrayList<>(run.processes().values());
        Collections.reverse(entries); // services first, the broker (started first) last
        List<RunState.Entry> services = entries.stream().filter(e -> !SystemLauncher.KAFKA.equals(e.name())).toList();
        CompletableFuture.allOf(services.stream().map(entry -> CompletableFuture.runAsync(() -> stop(entry)))
                .toArray(CompletableFuture[]::new)).join();
        entries.stream().filter(e -> SystemLauncher.KAFKA.equals(e.name())).forEach(DownCommand::stop);
        try {
            Files.deleteIfExists(settings.folders().runState());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + settings.folders().runState(), e);
        }
        out.println("stopped: mdfe up (pid " + run.launcherPid() + ")" + entries.stream()
                .map(e -> ", " + e.name() + " (pid " + e.pid() + ")").reduce("", String::concat));
        out.flush();
        return 0;
    }

    private static void stop(RunState.Entry entry) {
        if (entry.alive()) {
            ProcessHandle.of(entry.pid()).ifPresent(handle -> ManagedProcess.stop(handle, SystemLauncher.STOP_GRACE));
        }
    }
}
