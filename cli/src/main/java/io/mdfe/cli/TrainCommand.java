package io.mdfe.cli;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import io.mdfe.core.train.UnedCheckpointEvaluator;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mdfe train}: upstream's {@code python src/train.py <config> <data_dir> --output-dir results/},
 * with a live progress bar, checkpoints and {@code --resume}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a universal embedding model from an MDFE2 config and a data folder.")
final class TrainCommand implements Callable<Integer> {

    /** Keys that may differ between a run and its resume: where and on what hardware it runs. */
    private static final Set<String> RESUMABLE_DIFFERENCES = Set.of("MODEL.output_dir", "TRAIN.device",
            "TRAIN.gpu_ids", "TRAIN.data_parallel", "DATALOADER.num_workers", "DATASET.root");

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "MDFE2 YAML config file.")
    Path config;

    @Parameters(index = "1", paramLabel = "DATA_DIR", description = "Data folder holding DATASET.names.")
    Path dataDir;

    @Parameters(index = "2..*", paramLabel = "KEY=VALUE", description = "Config overrides.")
    List<String> overrides = new ArrayList<>();

    @Option(names = {"--output-dir", "--output_dir"}, description = "Where run folders go (default: MODEL.output_dir).")
    Path outputDir;

    @Option(names = "--device", description = "cpu or cuda:N (default: TRAIN.device).")
    String device;

    @Option(names = {"--data_parallelism", "--data-parallelism"}, description = "Use all GPUs in TRAIN.gpu_ids.")
    boolean dataParallelism;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Option(names = "--no-feature-cache", description = "Run the frozen backbone every step instead of caching its features.")
    boolean noFeatureCache;

    @Option(names = "--no-eval", description = "Do not evaluate checkpoints on UnED val (default: evaluate when DATA_DIR holds UnED).")
    boolean noEval;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) {
            all.add("TRAIN.device=" + device);
        }
        MdfeConfig cfg = ConfigLoader.load(config, all);
        RunDirectory run;
        if (resume != null) {
            run = RunDirectory.open(resume);
            requireSameConfig(cfg, ConfigLoader.load(run.config(), List.of()), run);
        } else {
            Path out = outputDir != null ? outputDir : Path.of(cfg.model().outputDir());
            run = RunDirectory.create(out, cfg, new SecureRandom());
        }
        System.out.println("run folder: " + run.dir());
        TrainingResult result;
        try (TrainingProgressBar progress = new TrainingProgressBar()) {
            result = TrainingLoop.builder().setConfig(cfg).setDataRoot(dataDir).setRunDirectory(run)
                    .optResume(resume != null).optDataParallel(dataParallelism).optListener(progress)
                    .optFeatureCache(noFeatureCache ? null : run.dir().getParent().resolve("feature-cache"))
                    .optEvaluator(noEval || !UnedCheckpointEvaluator.applies(dataDir) ? null
                            : new UnedCheckpointEvaluator(dataDir, ModelFactory.modelDir(cfg.model().backbone(),
                            System.getenv()), 256, Math.max(1, cfg.dataloader().numWorkers()), Metric.EUCLIDEAN))
                    .build().run();
        }
        System.out.printf(Locale.ROOT, "trained %d steps, final loss %.4f%n", result.steps(), result.finalLoss());
        System.out.println("last checkpoint: " + result.lastCheckpoint().bundle());
        System.out.println("plots: " + run.lossPlot() + ", " + run.lrPlot()
                + (result.evaluations().isEmpty() ? "" : ", " + run.evalPlot()));
        if (result.skippedImages() > 0) {
            System.err.println("skipped " + result.skippedImages() + " unreadable image(s); see " + run.log());
        }
        return 0;
    }

    private static void requireSameConfig(MdfeConfig given, MdfeConfig saved, RunDirectory run) {
        Map<String, Object> a = given.values();
        Map<String, Object> b = saved.values();
        Set<String> differing = new TreeSet<>();
        for (String key : a.keySet()) {
            if (!RESUMABLE_DIFFERENCES.contains(key) && !Objects.equals(a.get(key), b.get(key))) {
                differing.add(key + " (" + b.get(key) + " in the run, " + a.get(key) + " now)");
            }
        }
        if (!differing.isEmpty()) {
            throw new IllegalArgumentException("--resume " + run.dir() + " was trained with another config: "
                    + String.join(", ", differing));
        }
    }
}
