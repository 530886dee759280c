package io.mdfe.trainer.worker;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.train.CheckpointInfo;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.StepStats;
import io.mdfe.core.train.TrainingListener;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import io.mdfe.core.train.schedule.TrainingPlan;
import io.mdfe.trainer.run.WorkerEvent;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * service went away (standard input closed).
 */
public final class TrainingWorker {

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
        if (!parsed.detached()) {
            exitWhenTheServiceIsGone();
        }
        WorkerProtocol protocol = new WorkerProtocol();
        List<String> overrides = parsed.device().map(d -> List.of("TRAIN.device=" + d)).orElse(List.of());
        int code = train(parsed.runDir(), parsed.dataRoot(), overrides, event -> protocolOut.println(protocol.encode(event)));
        protocolOut.flush();
        System.exit(code);
    }

    /**
     * Trains a run folder, reporting to {@code out}.
     *
     * @param runDir the run folder with its config.yaml
     * @param dataRoot the data directory
     * @param overrides KEY=VALUE overrides of the run's config (the pod's device)
     * @param out receives the reports
     * @return the exit code: 0 trained, 2 failed
     */
    static int train(Path runDir, Path dataRoot, List<String> overrides, Consumer<WorkerEvent> out) {
        try {
            RunDirectory run = RunDirectory.open(runDir);
            MdfeConfig config = ConfigLoader.load(run.config(), overrides);
            TrainingResult result = TrainingLoop.builder().setConfig(config).setDataRoot(dataRoot).setRunDirectory(run)
                    .optResume(true).optListener(new Reporter(out)).build().run();
            out.accept(new WorkerEvent.Finished(result.steps(), result.finalLoss()));
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            out.accept(new WorkerEvent.Failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return 2;
        }
    }

    /**
     * The service keeps the worker's standard input open and never writes to it: end of input means the
     * service died, and a worker nobody reads from must not go on writing into the run folder that the next
     * service process will resume.
     */
    private static void exitWhenTheServiceIsGone() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // nothing is ever sent; keep waiting for the end
                }
            } catch (IOException e) {
                // a broken pipe means the same as its end
            }
            Runtime.getRuntime().halt(70);
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
