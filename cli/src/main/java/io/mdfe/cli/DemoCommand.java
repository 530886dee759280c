package io.mdfe.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.EvaluationReport;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.eval.baseline.Baseline;
import io.mdfe.core.eval.baseline.BaselineEmbeddings;
import io.mdfe.core.eval.baseline.BaselineRegistry;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.ShutdownStop;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import io.mdfe.core.train.TrainingStoppedException;
import io.mdfe.core.train.UnedCheckpointEvaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mdfe demo}: the whole job on CPU in a few minutes. Creates the synthetic demo data if
 * absent, scores the untrained model on its UnED-format test split, trains {@code configs/demo.yaml},
 * scores the trained model and the thumbnail baseline, and prints the tables side by side with the
 * paths of the plots.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make demo data, train configs/demo.yaml on CPU, and compare UnED test scores before and after.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Option(names = "--config", defaultValue = "configs/demo.yaml", description = "Config to train (default ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--data", defaultValue = "demo-data", description = "Demo data folder, created if absent (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = {"--output-dir", "--output_dir"}, defaultValue = "runs", description = "Where the run goes (default ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--scale", defaultValue = "small", description = "Demo data size: small or ci (default ${DEFAULT-VALUE}).")
    String scale;

    @Parameters(paramLabel = "KEY=VALUE", description = "Config overrides.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + ": config not found (run from the repository root or pass --config)");
        }
        MdfeConfig cfg = ConfigLoader.load(config, overrides);
        if (!UnedDataset.isUnedRoot(data)) {
            System.out.println("creating demo data in " + data + " ...");
            new DemoDataGenerator(cfg.seed(), DemoScale.named(scale), 2).write(data, false);
        }
        RunDirectory run = RunDirectory.create(outputDir, cfg, new SecureRandom());
        Path modelDir = ModelFactory.modelDir(cfg.model().backbone(), System.getenv());
        int workers = Math.max(1, cfg.dataloader().numWorkers());

        Path untrained = run.dir().resolve("untrained-bundle");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(cfg.seed());
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            try {
                ModelBundle.write(untrained, network, new ModelIds(run.modelId(), "untrained"), cfg.toYaml(),
                        BackboneStorage.COPY, Provenance.current());
            } finally {
                network.backbone().close();
            }
        }
        EvaluationTable before = evaluateTest(untrained, modelDir, workers);

        System.out.println("training " + config + " (run folder " + run.dir() + ")");
        TrainingResult result;
        try (ShutdownStop stop = ShutdownStop.install()) {
            try (TrainingProgressBar progress = new TrainingProgressBar()) {
                result = TrainingLoop.builder().setConfig(cfg).setDataRoot(data).setRunDirectory(run)
                        .optListener(progress).optFeatureCache(outputDir.resolve("feature-cache")).optStop(stop.request())
                        .optEvaluator(UnedCheckpointEvaluator.of(cfg.train(), data, modelDir, 256, workers)
                                .withBaseline(BaselineRegistry.reference(cfg)))
                        .build().run();
            } catch (TrainingStoppedException e) {
                // reported before the shutdown hook lets the JVM exit
                System.err.println("mdfe demo: " + e.getMessage());
                return TrainCommand.STOPPED;
            }
        }
        EvaluationTable after = evaluateTest(result.lastCheckpoint().bundle(), modelDir, workers);
        Baseline reference = BaselineRegistry.reference(cfg);
        EvaluationTable baseline = testBenchmark("baseline", reference.name()).run(testSet(),
                new BaselineEmbeddings(reference, workers, n -> { }));

        System.out.println();
        System.out.println("UnED-format demo test split, merged protocol, exact search; " + reference.name() + " = "
                + reference.description() + ":");
        Map<String, EvaluationTable> tables = new LinkedHashMap<>();
        tables.put("untrained", before);
        tables.put("trained", after);
        tables.put(reference.name(), baseline);
        System.out.print(sideBySide(tables));
        Path chart = run.dir().resolve("demo_test_before_after.png");
        EvaluationReport.writeChart(tables, "Demo test split: untrained vs trained vs " + reference.name(), chart);
        EvaluationReport.writeCsv(before, run.dir().resolve("demo_test_untrained.csv"));
        EvaluationReport.writeCsv(after, run.dir().resolve("demo_test_trained.csv"));
        EvaluationReport.writeCsv(baseline, run.dir().resolve("demo_test_" + reference.name() + ".csv"));
        System.out.println();
        System.out.println("plots:");
        for (Path p : List.of(chart, run.lossPlot(), run.lrPlot(), run.evalPlot())) {
            System.out.println("  " + p);
        }
        System.out.println("trained bundle: " + result.lastCheckpoint().bundle());
        return 0;
    }

    private EvaluationTable evaluateTest(Path bundleDir, Path modelDir, int workers) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(bundleDir, modelDir, manager)) {
            return testBenchmark(bundle.manifest().modelId(), bundle.manifest().modelVersion()).run(testSet(),
                    new BundleEmbeddings(bundle, 256, workers, ModelBundle.maxImagePixels(bundle.dir()), n -> { }));
        }
    }

    private UnedBenchmark testBenchmark(String modelId, String modelVersion) {
        return new UnedBenchmark(UnedDataset.open(data), new RetrievalEvaluator(IndexRegistry.local().factory("exact"),
                Map.of(), RetrievalEvaluator.unedMetrics()), modelId, modelVersion, Metric.EUCLIDEAN);
    }

    private EvaluationSet testSet() {
        return UnedDataset.open(data).evaluation(UnedSplit.TEST, UnedProtocol.MERGED, List.of());
    }

    /** The tables' metrics per domain side by side, one block per labelled table (e.g. untrained | trained). */
    static String sideBySide(Map<String, EvaluationTable> tables) {
        List<EvaluationTable> columns = List.copyOf(tables.values());
        EvaluationTable first = columns.get(0);
        List<String> names = List.copyOf(first.domains().get(0).metrics().keySet());
        int width = 10 * names.size();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", ""));
        tables.keySet().forEach(label -> sb.append(String.format(Locale.ROOT, " %-" + width + "s  |", label)));
        sb.setLength(sb.length() - 3);
        sb.append(System.lineSeparator()).append(String.format(Locale.ROOT, "%-10s", "domain"));
        for (int t = 0; t < columns.size(); t++) {
            names.forEach(n -> sb.append(String.format(Locale.ROOT, " %9s", n)));
            sb.append(t + 1 < columns.size() ? "  |" : System.lineSeparator());
        }
        for (int i = 0; i <= first.domains().size(); i++) {
            boolean mean = i == first.domains().size();
            sb.append(String.format(Locale.ROOT, "%-10s", mean ? "mean" : first.domains().get(i).domain()));
            for (int t = 0; t < columns.size(); t++) {
                Map<String, Double> values = mean ? columns.get(t).mean() : columns.get(t).domains().get(i).metrics();
                names.forEach(n -> sb.append(String.format(Locale.ROOT, " %9.4f", values.get(n))));
                sb.append(t + 1 < columns.size() ? "  |" : System.lineSeparator());
            }
        }
        return sb.toString();
    }
}
