package io.mdfe.cli.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A started process of the system, its stdout and stderr appended to its log file. */
public final class ManagedProcess {

    private final LaunchSpec spec;
    private final Process process;
    private final long logStart;

    private ManagedProcess(LaunchSpec spec, Process process, long logStart) {
        this.spec = spec;
        this.process = process;
        this.logStart = logStart;
    }

    /**
     * Starts a process; its output is appended to its log file after a header line.
     *
     * @param spec what to start
     * @return the running process
     */
    public static ManagedProcess start(LaunchSpec spec) {
        try {
            Files.createDirectories(spec.logFile().getParent());
            String header = "==== " + Instant.now() + " mdfe starts " + spec.name() + ": " + String.join(" ", spec.command()) + "\n";
            Files.writeString(spec.logFile(), header, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long logStart = Files.size(spec.logFile());
            Process process = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            return new ManagedProcess(spec, process, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@return what was started} */
    public LaunchSpec spec() {
        return spec;
    }

    /** {@return the process id} */
    public long pid() {
        return process.pid();
    }

    /** {@return the process handle} */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** {@return whether the process is running} */
    public boolean alive() {
        return process.isAlive();
    }

    /** {@return the exit code; only once the process has ended} */
    public int exitCode() {
        return process.exitValue();
    }

    /** {@return what this run of the process wrote to its log so far} */
    public String output() {
        try {
            byte[] all = Files.readAllBytes(spec.logFile());
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL once {@code grace} has passed.
     *
     * @param grace how long a clean shutdown may take
     * @return whether it stopped cleanly (before the SIGKILL)
     */
    public boolean stop(Duration grace) {
        return stop(process.toHandle(), grace);
    }

    /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops any process: SIGTERM, then SIGKILL once {@code grace} has passed.
     *
     * @param handle the process
     * @param grace  how long a clean shutdown may take
     * @return whether it stopped cleanly (before the SIGKILL)
     */
    static boolean stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return true;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // SIGKILL cannot be refused; a zombie is reaped by its parent
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    /** {@return the log file} */
    public Path logFile() {
        return spec.logFile();
    }
}
