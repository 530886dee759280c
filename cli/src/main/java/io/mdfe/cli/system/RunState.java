package io.mdfe.cli.system;

import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code mdfe up} records under the system's home while the system runs, so that {@code mdfe status}
 * and {@code mdfe down} from any shell find its processes. Each process is identified by pid and start
 * time, so a pid reused by an unrelated process is never signalled.
 *
 * @param launcherPid     the pid of {@code mdfe up}
 * @param launcherStarted its start time (epoch ms)
 * @param processes       the started processes by key ({@code kafka}, {@code data}, ...), in start order
 */
public record RunState(long launcherPid, long launcherStarted, Map<String, Entry> processes) {

    /**
     * One process.
     *
     * @param name    as shown, e.g. {@code data-service}
     * @param pid     its pid
     * @param started its start time (epoch ms), -1 when unknown
     * @param port    its port
     * @param log     its log file
     */
    public record Entry(String name, long pid, long started, int port, Path log) {

        /** {@return whether this very process (pid and start time) is still running} */
        public boolean alive() {
            return RunState.alive(pid, started);
        }
    }

    /** Copies the map, keeping its order. */
    public RunState {
        processes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(processes));
    }

    /**
     * The state of a launcher and the processes it started.
     *
     * @param launcher  the launcher's process
     * @param processes what it started, by key
     * @return the state
     */
    public static RunState of(ProcessHandle launcher, Map<String, ManagedProcess> processes) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        processes.forEach((key, process) -> entries.put(key, new Entry(process.spec().name(), process.pid(),
                startTime(process.handle()), process.spec().port(), process.logFile())));
        return new RunState(launcher.pid(), startTime(launcher), entries);
    }

    /** {@return whether the launcher that wrote this state is still running} */
    public boolean launcherAlive() {
        return alive(launcherPid, launcherStarted);
    }

    /**
     * Writes the state atomically.
     *
     * @param file the run-state file
     */
    public void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("launcher.pid", String.valueOf(launcherPid));
        properties.setProperty("launcher.started", String.valueOf(launcherStarted));
        properties.setProperty("processes", String.join(",", processes.keySet()));
        processes.forEach((key, entry) -> {
            properties.setProperty(key + ".name", entry.name());
            properties.setProperty(key + ".pid", String.valueOf(entry.pid()));
            properties.setProperty(key + ".started", String.valueOf(entry.started()));
            properties.setProperty(key + ".port", String.valueOf(entry.port()));
            properties.setProperty(key + ".log", entry.log().toString());
        });
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "written by mdfe up; read by mdfe status and mdfe down");
            AtomicFiles.writeString(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Reads a run-state file.
     *
     * @param file the run-state file
     * @return the state, or empty when there is no file
     * @throws IllegalStateException naming the file when it is not a run state
     */
    public static Optional<RunState> read(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            Map<String, Entry> entries = new LinkedHashMap<>();
            String keys = properties.getProperty("processes", "");
            for (String key : keys.isBlank() ? new String[0] : keys.split(",")) {
                entries.put(key, new Entry(required(properties, key + ".name"),
                        Long.parseLong(required(properties, key + ".pid")),
                        Long.parseLong(required(properties, key + ".started")),
                        Integer.parseInt(required(properties, key + ".port")),
                        Path.of(required(properties, key + ".log"))));
            }
            return Optional.of(new RunState(Long.parseLong(required(properties, "launcher.pid")),
                    Long.parseLong(required(properties, "launcher.started")), entries));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": not a run state written by mdfe up (" + e.getMessage() + ")");
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new NumberFormatException("missing " + key);
        }
        return value;
    }

    private static long startTime(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    private static boolean alive(long pid, long started) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> started < 0 || startTime(handle) == started).isPresent();
    }
}
