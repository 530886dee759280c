package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.system.RunState;
import io.mdfe.cli.system.ServiceName;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code mdfe up}, {@code status} and {@code down} as a user runs them: the packaged command line starting
 * the packaged broker and services. One system serves the first tests and is stopped by {@code mdfe down};
 * a second one is killed with SIGKILL to check that nothing outlives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MdfeUpIT {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final long IDLE_RSS_TARGET = 3L << 30;
    private static final Pattern VERSION = Pattern.compile("0\\.1\\.0-SNAPSHOT \\((\\p{XDigit}{7,}|unknown)\\)");

    private final List<MdfeProcess> started = new ArrayList<>();
    private Path dir;
    private SystemYaml yaml;
    private Path systemFile;
    private MdfeProcess up;

    @BeforeAll
    void startTheSystem() throws IOException {
        dir = Files.createTempDirectory("mdfe-up-it");
        yaml = SystemYaml.freePorts(dir);
        systemFile = yaml.write(dir.resolve("system.yaml"));
        long start = System.nanoTime();
        up = track(MdfeProcess.start(dir, "up", "up", "--system", systemFile.toString()))
                .awaitStdout(out -> out.contains("started in"), UP_TIMEOUT);
        System.out.printf(Locale.ROOT, "mdfe up: healthy after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @AfterAll
    void stopWhatIsLeft() {
        // SIGKILL of mdfe up is enough: its children watch its pid.
        started.forEach(mdfe -> mdfe.process().destroyForcibly());
        List<Long> left = Processes.stillAliveAfter(Processes.mentioning(dir.toString()), Duration.ofSeconds(60));
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), left, "processes of the test system left running");
    }

    @Test
    @Order(1)
    void upPrintsOneTableOfTheBrokerAndFiveHealthyServices() throws IOException {
        List<String> lines = up.stdout().lines().toList();
        assertTrue(lines.get(0).matches("service\\s+port\\s+pid\\s+version\\s+log"), lines.get(0));
        RunState state = runState(yaml.home());
        long rss = 0;
        for (int i = 0; i < ServiceName.values().length; i++) {
            ServiceName service = ServiceName.values()[i];
            String row = row(lines, service.serviceName());
            String[] cells = row.split("\\s+");
            assertEquals(String.valueOf(yaml.servicePorts().get(i)), cells[1], row);
            long pid = Long.parseLong(cells[2]);
            assertEquals(state.processes().get(service.key()).pid(), pid, row);
            assertTrue(Processes.alive(pid), row);
            assertTrue(VERSION.matcher(row).find(), row);
            assertTrue(Files.isRegularFile(Path.of(cells[cells.length - 1])), row);
            rss += Processes.rssBytes(pid);
        }
        String kafka = row(lines, "kafka");
        assertTrue(kafka.contains(" " + yaml.kafkaPort() + " ") && kafka.contains("kafka 4.1.2"), kafka);
        rss += Processes.rssBytes(state.processes().get("kafka").pid());
        System.out.printf(Locale.ROOT, "idle RSS of the 6 processes: %.0f MB%n", rss / 1048576.0);
        assertTrue(rss < IDLE_RSS_TARGET, "idle RSS " + rss / 1048576 + " MB, target < 3072 MB");
    }

    @Test
    @Order(2)
    void statusShowsServiceInfoAndHealthOfEachService() throws IOException {
        MdfeProcess status = MdfeProcess.run(dir, "status", COMMAND_TIMEOUT, "status", "--system", systemFile.toString());
        assertEquals(0, status.exitCode(), status.stdout() + status.stderr());
        List<String> lines = status.stdout().lines().toList();
        RunState state = runState(yaml.home());
        for (ServiceName service : ServiceName.values()) {
            String row = row(lines, service.serviceName());
            assertTrue(row.contains(" SERVING ") && VERSION.matcher(row).find(), row);
            assertTrue(row.contains(" " + state.processes().get(service.key()).pid() + " "), row);
        }
        assertTrue(row(lines, "kafka").contains("LISTENING"), status.stdout());
    }

    @Test
    @Order(3)
    void aSecondUpOnTheSamePortsIsRefusedNamingThePort() {
        Path other = yaml.withHome(dir.resolve("home2")).write(dir.resolve("second.yaml"));
        MdfeProcess second = track(MdfeProcess.run(dir, "second-up", COMMAND_TIMEOUT, "up", "--system", other.toString()));
        assertNotEquals(0, second.exitCode());
        assertEquals(List.of("mdfe up: error: port " + yaml.kafkaPort() + " of kafka is in use (kafka.port in " + other + ")"),
                second.errorLines());
        assertTrue(up.process().isAlive(), "the running system is untouched");
    }

    @Test
    @Order(4)
    void downStopsEveryProcessCleanly() throws IOException {
        RunState state = runState(yaml.home());
        List<Long> pids = new ArrayList<>(state.processes().values().stream().map(RunState.Entry::pid).toList());
        pids.add(state.launcherPid());
        MdfeProcess down = MdfeProcess.run(dir, "down", COMMAND_TIMEOUT, "down", "--system", systemFile.toString());
        assertEquals(0, down.exitCode(), down.stderr());
        assertTrue(down.stdout().startsWith("stopped: mdfe up (pid " + state.launcherPid() + ")"), down.stdout());
        assertEquals(List.of(), Processes.stillAliveAfter(pids, Duration.ofSeconds(5)));
        assertFalse(Files.exists(yaml.home().resolve("run-state.properties")));
        String brokerLog = Files.readString(yaml.home().resolve("logs/kafka.log"));
        assertTrue(brokerLog.contains("mdfe-kafka-broker: stopped"), "the broker stopped cleanly: " + brokerLog);
    }

    @Test
    @Order(5)
    void aBusyPortIsNamedInOneLineAndNothingIsStarted() throws IOException {
        Path busyDir = dir.resolve("busy");
        try (ServerSocket taken = new ServerSocket(0)) {
            Path file = SystemYaml.freePorts(busyDir).withServicePort(1, taken.getLocalPort())
                    .write(busyDir.resolve("system.yaml"));
            MdfeProcess busy = track(MdfeProcess.run(busyDir, "up", COMMAND_TIMEOUT, "up", "--system", file.toString()));
            assertEquals(2, busy.exitCode(), busy.stderr());
            assertEquals(List.of("mdfe up: error: port " + taken.getLocalPort() + " of trainer-service is in use"
                    + " (services.trainer.port in " + file + ")"), busy.errorLines());
        }
        assertEquals(List.of(), Processes.stillAliveAfter(Processes.mentioning(busyDir.toString()), Duration.ofSeconds(5)));
    }

    @Test
    @Order(6)
    void aServiceThatDoesNotComeUpIsNamedWithItsLogAndEverythingStartedIsStopped() {
        Path failDir = dir.resolve("fail");
        SystemYaml failing = SystemYaml.freePorts(failDir).withServiceYaml(0, "jvm: {options: [-XX:+NoSuchJvmOption]}");
        Path file = failing.write(failDir.resolve("system.yaml"));
        MdfeProcess fail = track(MdfeProcess.run(failDir, "up", UP_TIMEOUT, "up", "--system", file.toString()));
        assertEquals(2, fail.exitCode(), fail.stderr());
        assertEquals(List.of("mdfe up: error: data-service exited with code 1 while starting; see "
                + failing.home().resolve("logs/data-service.log")), fail.errorLines());
        assertEquals(List.of(), Processes.stillAliveAfter(Processes.mentioning(failDir.toString()), Duration.ofSeconds(5)),
                "the broker and the other services were stopped");
    }

    @Test
    @Order(7)
    void killingUpWithSigkillLeavesNoOrphan() throws IOException {
        Path killDir = dir.resolve("kill");
        SystemYaml killYaml = SystemYaml.freePorts(killDir);
        Path file = killYaml.write(killDir.resolve("system.yaml"));
        MdfeProcess killed = track(MdfeProcess.start(killDir, "up", "up", "--system", file.toString()))
                .awaitStdout(out -> out.contains("started in"), UP_TIMEOUT);
        RunState state = runState(killYaml.home());
        List<Long> children = state.processes().values().stream().map(RunState.Entry::pid).toList();
        assertEquals(6, children.size(), state.toString());
        killed.process().destroyForcibly(); // SIGKILL: mdfe up can stop nothing itself
        assertEquals(List.of(), Processes.stillAliveAfter(children, Duration.ofSeconds(60)),
                "children of the killed mdfe up still running");
    }

    private MdfeProcess track(MdfeProcess mdfe) {
        started.add(mdfe);
        return mdfe;
    }

    private static RunState runState(Path home) {
        return RunState.read(home.resolve("run-state.properties")).orElseThrow(() -> new AssertionError("no run state in " + home));
    }

    private static String row(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in " + lines));
    }
}
