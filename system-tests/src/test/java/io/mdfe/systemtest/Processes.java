package io.mdfe.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** What the tests check about processes: liveness by pid, what is left running, resident memory. */
final class Processes {

    private Processes() {
    }

    /** {@return whether the process is running} */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** {@return the pids of {@code pids} still running after waiting up to {@code timeout} for them to end} */
    static List<Long> stillAliveAfter(Collection<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Long> alive = pids.stream().filter(Processes::alive).toList();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            MdfeProcess.sleep(Duration.ofMillis(250));
            alive = alive.stream().filter(Processes::alive).toList();
        }
        return alive;
    }

    /** {@return the pids of running processes whose command line mentions {@code text} (e.g. a temp folder)} */
    static List<Long> mentioning(String text) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(text)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** {@return the resident set size of a process in bytes (Linux /proc), 0 when it is gone} */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
