package io.mdfe.trainer.worker;

import io.mdfe.trainer.TrainerServiceConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a worker JVM: {@code java [options] -cp CLASSPATH io.mdfe.trainer.worker.TrainingWorker
 * --run-dir DIR --data-root DIR}.
 *
 * @param java the java executable
 * @param jvmOptions options for the worker JVM; the service's {@code ai.djl.*} system properties (offline
 *                   mode, cache locations) are added to them, so the worker finds the engine as the service does
 * @param classpath the worker's class path
 */
public record WorkerCommand(String java, List<String> jvmOptions, String classpath) {

    /**
     * The first option of every worker command line, followed by the run id: it tells a worker process apart
     * from any other, also when Linux shows only the first 4096 bytes of a command line (a test class path
     * alone is longer).
     */
    public static final String MARKER = "-Dmdfe.trainer.worker=";

    /** The main jar of a packaged Quarkus application (fast-jar layout). */
    private static final String QUARKUS_RUN_JAR = "quarkus-run.jar";

    /** Copies the options so the command stays immutable. */
    public WorkerCommand {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The command from the service's settings, defaults filled in from the running service.
     *
     * @param worker the {@code mdfe.trainer.worker} settings
     * @return the command
     */
    public static WorkerCommand of(TrainerServiceConfig.Worker worker) {
        List<String> options = new ArrayList<>(worker.jvmOptions().orElse(List.of()));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("ai.djl.")).sorted()
                .forEach(k -> options.add("-D" + k + "=" + System.getProperty(k)));
        return new WorkerCommand(
                worker.java().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                options,
                worker.classpath().orElseGet(() -> workerClasspath(System.getProperty("java.class.path"))));
    }

    /**
     * The worker's class path from the service's: a packaged application runs from {@code quarkus-run.jar},
     * whose own class loader finds the jars beside it, so the worker lists them; otherwise (tests, IDE) the
     * service's class path already holds everything.
     *
     * @param serviceClasspath the service's {@code java.class.path}
     * @return the worker's class path
     */
    static String workerClasspath(String serviceClasspath) {
        Path entry = Path.of(serviceClasspath);
        if (!serviceClasspath.contains(File.pathSeparator) && entry.getFileName() != null
                && entry.getFileName().toString().equals(QUARKUS_RUN_JAR)) {
            Path app = entry.toAbsolutePath().getParent();
            return String.join(File.pathSeparator, app.resolve("lib/boot/*").toString(),
                    app.resolve("lib/main/*").toString(), app.resolve("app/*").toString());
        }
        return serviceClasspath;
    }

    /**
     * @param runId the run, named in the {@link #MARKER} option
     * @param runDir the run folder
     * @param dataRoot the data directory
     * @return the full command line
     */
    public List<String> arguments(String runId, Path runDir, Path dataRoot) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(MARKER + runId);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, TrainingWorker.class.getName(), "--run-dir", runDir.toString(),
                "--data-root", dataRoot.toString()));
        return command;
    }
}
