package io.mdfe.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.ChildJvm;
import io.mdfe.cli.Mdfe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Runs every case of {@link HostileInputCases}: exit code 2, one error line holding the expected names, within
 * a time limit (and, in a child JVM, a 256 MB heap and a resident-memory bound), and no output left behind.
 */
class HostileInputTest {

    private static final Duration IN_PROCESS_LIMIT = Duration.ofSeconds(60);
    private static final Duration CHILD_LIMIT = Duration.ofSeconds(120);
    /** The child's peak resident memory: JVM + libtorch, far below an image bomb's 1.2 GB raster. */
    private static final long MAX_CHILD_RSS_KB = 1_000_000;

    @TempDir
    static Path tmp;

    private static HostileWorkspace ws;
    private static final AtomicInteger OUTPUTS = new AtomicInteger();

    @BeforeAll
    static void workspace() throws IOException {
        ws = new HostileWorkspace(tmp.resolve("ws"));
    }

    static List<HostileInputCases.Case> cases() {
        return HostileInputCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsWithOneClearErrorAndNoOutput(HostileInputCases.Case c) throws Exception {
        Path out = tmp.resolve("out").resolve("case-" + OUTPUTS.incrementAndGet());
        List<String> args = c.args().apply(new HostileInputCases.Context(ws, out));
        Result r = c.isolation() == HostileInputCases.Isolation.IN_PROCESS ? inProcess(args) : child(args);

        String errorLine = r.err().lines().filter(l -> l.startsWith("mdfe " + c.command() + ": error: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no error line; stderr:\n" + r.err() + "\nstdout:\n" + r.out()));
        for (String expected : c.expected()) {
            assertTrue(errorLine.contains(expected), "'" + expected + "' missing from: " + errorLine);
        }
        assertEquals(2, r.exit(), "a user error: " + errorLine);
        assertFalse(r.err().contains("\tat "), "no stack trace:\n" + r.err());
        assertFalse(Files.exists(out), "nothing left behind at " + out);
        assertFalse(Files.exists(tmp.resolve("out").resolve("results")), "no ./results");
    }

    private static Result inProcess(List<String> args) {
        return assertTimeoutPreemptively(IN_PROCESS_LIMIT, () -> {
            CommandLine cli = Mdfe.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args.toArray(String[]::new));
            return new Result(exit, out.toString(), err.toString());
        }, "no hang");
    }

    private static Result child(List<String> args) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("child-" + OUTPUTS.incrementAndGet()));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(ChildJvm.mdfe(List.of("-Xmx256m"), args)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long peakKb = 0;
        try {
            long deadline = System.nanoTime() + CHILD_LIMIT.toNanos();
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, peakRssKb(p.pid()));
                assertTrue(System.nanoTime() < deadline, "no hang: still running after " + CHILD_LIMIT
                        + "; stderr:\n" + Files.readString(err));
            }
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertTrue(peakKb < MAX_CHILD_RSS_KB, "peak RSS " + peakKb + " kB");
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith("hs_err")), "no JVM crash");
        }
        assertFalse(Files.exists(dir.resolve("results")), "no ./results in the working directory");
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** VmHWM, the peak resident set so far, from /proc (0 once the process is gone). */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process has just ended
        }
        return 0;
    }

    private record Result(int exit, String out, String err) {
    }
}
