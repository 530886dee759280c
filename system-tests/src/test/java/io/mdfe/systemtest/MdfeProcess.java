package io.mdfe.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged {@code mdfe} command line run as its own process (as {@code ./mdfe} runs it), its stdout
 * and stderr in files of a folder.
 */
final class MdfeProcess {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private MdfeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code mdfe ARGS} in {@code workDir}.
     *
     * @param workDir the working directory; stdout and stderr go to {@code <name>.out} / {@code .err} in it
     * @param name    names the output files
     * @param args    the command's arguments
     * @return the running command
     */
    static MdfeProcess start(Path workDir, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-Dmdfe.repo=" + Checkout.root(), "-jar", Checkout.cliJar().toString()));
        command.addAll(List.of(args));
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        try {
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new MdfeProcess(process, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code mdfe ARGS} to its end.
     *
     * @return the finished command
     */
    static MdfeProcess run(Path workDir, String name, Duration timeout, String... args) {
        MdfeProcess mdfe = start(workDir, name, args);
        mdfe.waitFor(timeout);
        return mdfe;
    }

    /** Waits until the command ends; fails the test (killing it) when it takes longer than {@code timeout}. */
    MdfeProcess waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("mdfe did not end within " + timeout + "; stderr: " + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    /**
     * Waits until stdout shows {@code ready}; fails the test when the command ends first or time runs out.
     *
     * @return this
     */
    MdfeProcess awaitStdout(Predicate<String> ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.test(stdout())) {
            if (!process.isAlive()) {
                throw new AssertionError("mdfe ended with " + process.exitValue() + "; stderr: " + stderr()
                        + "; stdout: " + stdout());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("mdfe did not print what was awaited within " + timeout + "; stderr: "
                        + stderr() + "; stdout: " + stdout());
            }
            sleep(Duration.ofMillis(250));
        }
        return this;
    }

    /** {@return the exit code; only once ended} */
    int exitCode() {
        return process.exitValue();
    }

    /** {@return the process} */
    Process process() {
        return process;
    }

    /** {@return what it printed on stdout so far} */
    String stdout() {
        return read(stdout);
    }

    /** {@return what it printed on stderr so far} */
    String stderr() {
        return read(stderr);
    }

    /** {@return the lines of stderr that are not the progress bar's} */
    List<String> errorLines() {
        return stderr().lines().map(line -> line.contains("\r") ? line.substring(line.lastIndexOf('\r') + 1) : line)
                .filter(line -> !line.isBlank() && !line.startsWith("mdfe up ") && !line.contains("WARNING: Using incubator modules"))
                .toList();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
