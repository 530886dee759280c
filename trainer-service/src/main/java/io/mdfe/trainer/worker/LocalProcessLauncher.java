package io.mdfe.trainer.worker;

import io.mdfe.trainer.run.RunLauncher;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.WorkerEvent;
import io.mdfe.trainer.run.WorkerHandle;
import io.mdfe.trainer.run.WorkerListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The embedded {@link RunLauncher}: each run attempt is a child JVM running {@link TrainingWorker}. Its
 * standard output is read line by line on a thread of its own and decoded with {@link WorkerProtocol}; its
 * standard error is appended to {@value #WORKER_LOG} in the run folder; its standard input stays open so the
 * worker notices when the service dies.
 */
public final class LocalProcessLauncher implements RunLauncher {

    /** The worker's standard error, in the run folder; every attempt appends to it. */
    public static final String WORKER_LOG = "worker.log";

    private static final Logger LOG = Logger.getLogger(LocalProcessLauncher.class);
    private static final long STOP_WAIT_SECONDS = 10;

    private final WorkerCommand command;
    private final WorkerProtocol protocol = new WorkerProtocol();

    /**
     * Creates the launcher.
     *
     * @param command how worker JVMs are started
     */
    public LocalProcessLauncher(WorkerCommand command) {
        this.command = command;
    }

    @Override
    public WorkerHandle launch(RunRecord run, WorkerListener listener) throws IOException {
        Path runDir = Path.of(run.spec().runDir());
        Process process = new ProcessBuilder(command.arguments(run.id(), runDir, Path.of(run.spec().dataRoot())))
                .redirectError(ProcessBuilder.Redirect.appendTo(runDir.resolve(WORKER_LOG).toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        Thread reader = new Thread(() -> pump(process, listener), "worker-" + run.id() + "-" + run.attempts());
        reader.setDaemon(true);
        reader.start();
        LOG.infof("started worker %d for %s (attempt %d) in %s", process.pid(), run.id(), run.attempts(), runDir);
        return new LocalWorker(process);
    }

    @Override
    public void stopOrphan(long pid) {
        if (pid <= 0) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(WorkerCommand.MARKER)).orElse(false));
        orphan.ifPresent(h -> {
            LOG.warnf("stopping worker %d left by a previous service process", pid);
            h.destroyForcibly();
            awaitExit(h);
        });
    }

    private void pump(Process process, WorkerListener listener) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                Optional<WorkerEvent> event = protocol.decode(line);
                if (event.isPresent()) {
                    listener.onEvent(event.get());
                } else {
                    LOG.warnf("worker %d printed a line that is no report: %s", process.pid(), line);
                }
            }
        } catch (IOException e) {
            LOG.debugf(e, "output of worker %d ended", process.pid());
        }
        int exitCode;
        try {
            exitCode = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            exitCode = -1;
        }
        listener.onExit(exitCode);
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("worker %d did not exit within %d s", process.pid(), STOP_WAIT_SECONDS);
        }
    }

    /** A running worker process. */
    private record LocalWorker(Process process) implements WorkerHandle {

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void stop() {
            process.destroyForcibly();
            awaitExit(process.toHandle());
        }
    }
}
