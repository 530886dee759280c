package io.mdfe.trainer.worker;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.train.CheckpointInfo;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.ShutdownStop;
import io.mdfe.core.train.StepStats;
import io.mdfe.core.train.StopRequest;
import io.mdfe.core.train.TrainingListener;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import io.mdfe.core.train.TrainingStoppedException;
import io.mdfe.core.train.schedule.TrainingPlan;
import io.mdfe.trainer.run.WorkerEvent;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The worker process of one run: {@code TrainingWorker --run-dir DIR --data-root DIR [--device DEV] [--detached]}. It trains the config
 * in the run folder with {@link TrainingLoop}, always asking to resume, so a new attempt after a crash
 * continues from the newest checkpoint (and a first attempt, having none, starts at step 0). Progress goes to
 * standard output as {@link WorkerProtocol} lines; everything else the JVM prints goes to standard error.
 *
 * <p>A dedicated main rather than {@code mdfe train}: the CLI draws a progress bar for people, while the
 * service needs machine-readable steps and checkpoints (with the bundle's embedding width), and a failure
 * report that tells a deterministic error (no restart) from a crash (restart).
 *
 * <p>In a Kubernetes Job pod ({@code --detached}) there is no service on the other end of standard input: the
 * Job owns the worker's life, and the service reads the reports from the pod's log.
 *
 * <p>Exit codes: 0 trained, 2 failed (reported as {@link WorkerEvent.Failed}), 64 bad arguments, 70 the
 * service went away (standard input closed), 143 (130) stopped by SIGTERM (SIGINT) after the step in progress,
 * with the last checkpoint intact ({@link ShutdownStop}).
 */
public final class TrainingWorker {

    /** Exit code of a worker stopped by a signal: the JVM's own for SIGTERM (128 + 15). */
    static final int STOPPED = 143;
    /** Exit code of a worker whose service went away. */
    static final int SERVICE_GONE = 70;

    private TrainingWorker() {
    }

    /**
     * Runs the worker; never returns.
     *
     * @param args {@code --run-dir DIR --data-root DIR}
     */
    public static void main(String[] args) {
        PrintStream protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        WorkerArguments parsed;
        try {
            parsed = WorkerArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: TrainingWorker --run-dir DIR --data-root DIR [--device DEV] [--detached]");
            System.exit(64);
            return;
        }
        WorkerProtocol protocol = new WorkerProtocol();
        List<String> overrides = parsed.overrides();
        int code;
        boolean signalled;
        AtomicBoolean serviceGone = new AtomicBoolean();
        try (ShutdownStop stop = ShutdownStop.install()) {
            if (!parsed.detached()) {
                stopWhenTheServiceIsGone(stop.request(), serviceGone);
            }
            code = train(parsed.runDir(), parsed.dataRoot(), overrides,
                    event -> protocolOut.println(protocol.encode(event)), stop.request());
            protocolOut.flush();
            signalled = stop.shuttingDown();
        }
        if (!signalled) {
            // after a signal the JVM is already exiting, with the signal's status, now that training has ended
            System.exit(serviceGone.get() ? SERVICE_GONE : code);
        }
    }

    /**
     * Trains a run folder, reporting to {@code out}.
     *
     * @param runDir the run folder with its config.yaml
     * @param dataRoot the data directory
     * @param overrides KEY=VALUE overrides of the run's config (the pod's devices)
     * @param out receives the reports
     * @param stop set by a signal: the loop ends after the step in progress
     * @return the exit code: 0 trained, 2 failed
     */
    static int train(Path runDir, Path dataRoot, List<String> overrides, Consumer<WorkerEvent> out, StopRequest stop) {
        try {
            RunDirectory run = RunDirectory.open(runDir);
            MdfeConfig config = ConfigLoader.load(run.config(), overrides);
            TrainingResult result = TrainingLoop.builder().setConfig(config).setDataRoot(dataRoot).setRunDirectory(run)
                    .optResume(true).optListener(new Reporter(out)).optStop(stop).build().run();
            out.accept(new WorkerEvent.Finished(result.steps(), result.finalLoss()));
            return 0;
        } catch (TrainingStoppedException e) {
            // not a failure of the run: the next attempt resumes from the intact checkpoint
            System.err.println("TrainingWorker: " + e.getMessage());
            return STOPPED;
        } catch (Exception e) {
            e.printStackTrace();
            out.accept(new WorkerEvent.Failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return 2;
        }
    }

    /**
     * The service keeps the worker's standard input open and never writes to it: end of input means the
     * service died, and a worker nobody reads from must not go on writing into the run folder that the next
     * service process will resume. It stops as on a signal, after the step in progress (halting at once
     * could tear libtorch down under a running backward pass), and exits with {@value #SERVICE_GONE}.
     */
    private static void stopWhenTheServiceIsGone(StopRequest stop, AtomicBoolean serviceGone) {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is ever sent; keep waiting for the end
                }
            } catch (IOException e) {
                // a broken pipe means the same as its end
            }
            serviceGone.set(true);
            stop.request("the trainer-service is gone (standard input closed)");
        }, "service-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Turns the loop's callbacks into reports. */
    private record Reporter(Consumer<WorkerEvent> out) implements TrainingListener {

        @Override
        public void onStart(TrainingPlan plan, long startStep) {
            out.accept(new WorkerEvent.Started(plan.totalIterations(), startStep));
        }

        @Override
        public void onStep(StepStats s) {
            out.accept(new WorkerEvent.Step(s.step(), s.totalSteps(), s.epoch(), s.loss(), s.lr(), s.imagesPerSecond()));
        }

        @Override
        public void onCheckpoint(CheckpointInfo checkpoint) {
            int embeddingDim = ModelBundle.readManifest(checkpoint.bundle()).embeddingDim();
            out.accept(new WorkerEvent.Checkpoint(checkpoint.step(), checkpoint.epoch(),
                    checkpoint.bundle().toAbsolutePath().toString(), embeddingDim));
        }
    }
}
