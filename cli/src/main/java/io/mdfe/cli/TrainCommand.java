package io.mdfe.cli;

import ai.djl.Device;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.eval.baseline.BaselineRegistry;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.train.ResumeCompatibility;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.ShutdownStop;
import io.mdfe.core.train.TrainingDevice;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import io.mdfe.core.train.TrainingStoppedException;
import io.mdfe.core.train.UnedCheckpointEvaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe train}: upstream's {@code python src/train.py <config> <data_dir> --output-dir results/},
 * with a live progress bar, checkpoints and {@code --resume}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a universal embedding model from an MDFE2 config and a data folder.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    // Prints through the command line's writers, so in-process callers (tests) see the output.
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "MDFE2 YAML config file.")
    Path config;

    @Parameters(index = "1..*", paramLabel = "[DATA_DIR] [KEY=VALUE...]",
            description = "Data folder holding DATASET.names (omitted: DATASET.root), then config overrides.")
    List<String> arguments = new ArrayList<>();

    @Option(names = {"--output-dir", "--output_dir"}, description = "Where run folders go (default: MODEL.output_dir).")
    Path outputDir;

    @Option(names = "--device", description = "cpu, cuda:N, or a list cuda:0,cuda:1,... to train data-parallel over"
            + " those GPUs (default: TRAIN.device).")
    String device;

    @Option(names = {"--data_parallelism", "--data-parallelism"}, description = "Split each batch over the GPUs of"
            + " TRAIN.gpu_ids (all visible GPUs when empty); with one device it trains on that device alone.")
    boolean dataParallelism;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Option(names = "--no-feature-cache", description = "Run the frozen backbone every step instead of caching its features.")
    boolean noFeatureCache;

    @Option(names = "--no-eval", description = "Do not evaluate checkpoints on UnED val (default: evaluate when DATA_DIR holds UnED).")
    boolean noEval;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of skipping and listing it.")
    boolean strict;

    /** Exit code of a run stopped by SIGTERM (the JVM's own, 128 + 15; SIGINT gives 130). */
    static final int STOPPED = 143;

    @Override
    public Integer call() throws Exception {
        DataDirArguments positional = DataDirArguments.split(arguments);
        List<String> all = new ArrayList<>(positional.overrides());
        if (device != null) {
            all.addAll(TrainingDevice.overrides(device, "--device"));
        }
        MdfeConfig cfg = ConfigLoader.load(config, all);
        List<Device> devices = TrainingDevice.select(cfg.train(), dataParallelism);
        if (devices.size() > 1) {
            out().println("data parallel over " + devices.stream().map(TrainCommand::name).toList()
                    + ": each batch is split into " + devices.size() + " shards");
        } else if (dataParallelism) {
            out().println("info: --data_parallelism with one device (" + name(devices.get(0))
                    + "): nothing to split, training on it alone");
        }
        // checked before any output folder is created
        Path dataDir = positional.dataDir(cfg, config);
        RunDirectory run;
        List<Path> created = new ArrayList<>();
        if (resume != null) {
            run = RunDirectory.open(resume);
            ResumeCompatibility.require(cfg, ConfigLoader.load(run.config(), List.of()), run.dir());
        } else {
            Path out = outputDir != null ? outputDir : Path.of(cfg.model().outputDir());
            created.addAll(missingFolders(out));
            run = RunDirectory.create(out, cfg, new SecureRandom());
        }
        out().println("run folder: " + run.dir());
        TrainingResult result;
        try (ShutdownStop stop = ShutdownStop.install()) {
            try (TrainingProgressBar progress = new TrainingProgressBar()) {
                result = TrainingLoop.builder().setConfig(cfg).setDataRoot(dataDir).setRunDirectory(run)
                        .optResume(resume != null).optDataParallel(dataParallelism).optListener(progress)
                        .optStrict(strict).optStop(stop.request())
                        .optFeatureCache(noFeatureCache ? null : run.dir().getParent().resolve("feature-cache"))
                        .optEvaluator(noEval || !UnedCheckpointEvaluator.applies(dataDir) ? null
                                : UnedCheckpointEvaluator.of(cfg.train(), dataDir, ModelFactory.modelDir(
                                cfg.model().backbone(), System.getenv()), 256, Math.max(1, cfg.dataloader().numWorkers()))
                                .withBaseline(BaselineRegistry.reference(cfg)))
                        .build().run();
            } catch (TrainingStoppedException e) {
                // reported before the shutdown hook lets the JVM exit
                err().println("mdfe train: " + e.getMessage() + "; continue with: --resume " + run.dir());
                return STOPPED;
            } catch (Exception | Error e) {
                if (resume == null) {
                    discard(run, created);
                }
                throw e;
            }
        }
        if (result.alreadyFinished()) {
            out().printf(Locale.ROOT, "the run had already finished at step %d (final loss %.4f); nothing to train%n",
                    result.steps(), result.finalLoss());
        } else {
            out().printf(Locale.ROOT, "trained %d steps, final loss %.4f%n", result.steps(), result.finalLoss());
        }
        out().println("last checkpoint: " + result.lastCheckpoint().bundle());
        if (!result.evaluations().isEmpty()) {
            StringBuilder line = new StringBuilder("its UnED val means:");
            result.evaluations().get(result.evaluations().size() - 1)
                    .forEach((k, v) -> line.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
            out().println(line);
        }
        out().println("plots: " + run.lossPlot() + ", " + run.lrPlot()
                + (result.evaluations().isEmpty() ? "" : ", " + run.evalPlot()));
        if (result.skippedImages() > 0) {
            err().println("skipped " + result.skippedImages() + " unreadable image(s); see " + run.log());
        }
        return 0;
    }

    /** A device as the options spell it: cpu, cuda:N. */
    private static String name(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : device.getDeviceType();
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** {@code dir} and its ancestors that do not exist yet, innermost first. */
    private static List<Path> missingFolders(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    /** A run that failed before its first checkpoint leaves nothing behind: its folder, and the folders made for it. */
    private void discard(RunDirectory run, List<Path> created) {
        try {
            if (run.discardUnlessCheckpointed()) {
                for (Path dir : created) {
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> left = Files.list(dir)) {
                            if (left.findAny().isPresent()) {
                                break;
                            }
                        }
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            err().println("mdfe train: could not remove " + run.dir() + ": " + e.getMessage());
        }
    }
}
