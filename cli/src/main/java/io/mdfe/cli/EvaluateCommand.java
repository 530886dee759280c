package io.mdfe.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.DescriptorFiles;
import io.mdfe.core.eval.EvaluationReport;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.eval.baseline.Baseline;
import io.mdfe.core.eval.baseline.BaselineEmbeddings;
import io.mdfe.core.eval.baseline.BaselineRegistry;
import io.mdfe.core.eval.baseline.BaselineSettings;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.index.milvus.MilvusConnection;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.train.TrainingDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mdfe evaluate}: upstream's {@code python src/evaluate.py <config> <data_dir> --model_ckpt ...}
 * on the UnED benchmark, with exact search by default.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a model bundle (or descriptor files, or a built-in baseline) on UnED: R@1, mMP@5, mAP@5 per domain.")
final class EvaluateCommand implements Callable<Integer> {

    /** Annoy forests beyond this many trees only cost time and memory (upstream uses 300). */
    static final int MAX_TREES = 10_000;

    @Mixin
    DebugOption debug;

    @Parameters(arity = "1..*", paramLabel = "[CONFIG] DATA_DIR [KEY=VALUE...]", description = "MDFE2 YAML config "
            + "file (optional with --descriptors), the UnED-layout data folder (info_files/ + images/), config overrides.")
    List<String> positional = new ArrayList<>();

    Path config;
    Path dataDir;
    List<String> overrides = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** What to score: a bundle, descriptors computed elsewhere, or a built-in baseline. */
    static final class Source {
        @Option(names = {"--model_ckpt", "--model-ckpt"}, paramLabel = "BUNDLE", description = "Model bundle to evaluate.")
        Path bundle;

        @Option(names = "--descriptors", paramLabel = "DIR",
                description = "Embeddings computed elsewhere: DIR/<domain>/<split>.npy in info-file order.")
        Path descriptors;

        @Option(names = "--baseline", paramLabel = "NAME",
                description = "Score a trivial baseline instead of a model: thumbnail (8x8 grey, L2-normalised) or "
                        + "random (Gaussian, seeded by SEED, MODEL.embedding_dim wide).")
        String baseline;
    }

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "512", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--metric", defaultValue = "euclidean", description = "euclidean, angular (also called cosine) or dot (default ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--index", defaultValue = "exact", description = "exact, annoy or milvus (default ${DEFAULT-VALUE}).")
    String index;

    @Option(names = {"--n_trees", "--n-trees"}, defaultValue = "300", description = "Annoy trees (default ${DEFAULT-VALUE}).")
    int nTrees;

    @Option(names = "--split", defaultValue = "val", description = "val or test (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--protocol", defaultValue = "merged", description = "merged or separate (default ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--domains", split = ",", description = "Domains to evaluate (default: every domain on disk).")
    List<String> domains = new ArrayList<>();

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or cuda:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = {"--data_parallelism", "--data-parallelism"}, description = "Accepted for upstream compatibility; one device is used.")
    boolean dataParallelism;

    @Option(names = "--workers", defaultValue = "2", description = "Image decoding threads (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--out", description = "Folder for results.csv and results.png (default: beside the bundle or "
            + "descriptors; for --baseline, baseline-NAME_SPLIT_PROTOCOL in the working directory).")
    Path out;

    @Option(names = "--milvus-uri", description = "Milvus server for --index milvus, e.g. http://milvus:19530.")
    String milvusUri;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--batch_size", batchSize);
        OptionChecks.positive("--workers", workers);
        OptionChecks.within("--n_trees", nTrees, 1, MAX_TREES);
        readPositional();
        MdfeConfig cfg = config == null ? null : ConfigLoader.load(config, overrides);
        UnedSplit unedSplit = enumValue(UnedSplit.class, split, "--split");
        UnedProtocol unedProtocol = enumValue(UnedProtocol.class, protocol, "--protocol");
        Metric distance = Metric.parse(metric);
        Map<String, String> params = new HashMap<>();
        if (index.equals("annoy")) {
            params.put("n_trees", Integer.toString(nTrees));
        }
        IndexRegistry registry = milvusUri == null ? IndexRegistry.local()
                : IndexRegistry.standard(new MilvusConnection(milvusUri, System.getenv("MILVUS_TOKEN"), null, null, null));
        RetrievalEvaluator evaluator = new RetrievalEvaluator(registry.factory(index), params,
                RetrievalEvaluator.unedMetrics());
        UnedDataset dataset = UnedDataset.open(dataDir);
        EvaluationTable table;
        Path results;
        long started = System.nanoTime();
        if (source.bundle != null) {
            Device dev = TrainingDevice.parse(device, "--device");
            try (NDManager manager = NDManager.newBaseManager(dev);
                 ModelBundle bundle = ModelBundle.load(source.bundle, ModelFactory.modelDir(cfg.model().backbone(),
                         System.getenv()), manager)) {
                bundle.requireEmbeddingDim(cfg.model().embeddingDim(), config.toString());
                UnedBenchmark benchmark = new UnedBenchmark(dataset, evaluator, bundle.manifest().modelId(),
                        bundle.manifest().modelVersion(), distance);
                EvaluationSet set = benchmark.set(unedSplit, unedProtocol, domains);
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("embed").setInitialMax(benchmark.imagesToEmbed(set))
                        .setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII).build()) {
                    table = benchmark.run(set, new BundleEmbeddings(bundle, batchSize, workers,
                            cfg.dataset().maxImagePixels(), bar::stepBy));
                }
            }
            results = out != null ? out : source.bundle.toAbsolutePath().resolveSibling("eval_" + split + "_" + protocol);
        } else if (source.baseline != null) {
            Baseline baseline = BaselineRegistry.create(source.baseline, BaselineSettings.of(cfg), "--baseline");
            System.out.println("baseline " + baseline.name() + ": " + baseline.description());
            UnedBenchmark benchmark = new UnedBenchmark(dataset, evaluator, "baseline", baseline.name(), distance);
            EvaluationSet set = benchmark.set(unedSplit, unedProtocol, domains);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(baseline.name())
                    .setInitialMax(benchmark.imagesToEmbed(set)).setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII)
                    .build()) {
                table = benchmark.run(set, new BaselineEmbeddings(baseline, workers, bar::stepBy));
            }
            results = out != null ? out : Path.of("baseline-" + baseline.name() + "_" + split + "_" + protocol);
        } else {
            UnedBenchmark benchmark = new UnedBenchmark(dataset, evaluator, "descriptors", source.descriptors.getFileName()
                    .toString(), distance);
            table = benchmark.run(benchmark.set(unedSplit, unedProtocol, domains), cfg == null
                    ? new DescriptorFiles(source.descriptors)
                    : new DescriptorFiles(source.descriptors, cfg.model().embeddingDim(), "MODEL.embedding_dim of " + config));
            results = out != null ? out : source.descriptors.resolve("eval_" + split + "_" + protocol);
        }
        System.out.printf(Locale.ROOT, "UnED %s, %s protocol, %s search (%s), %.1f s%n", split, protocol, index, metric,
                (System.nanoTime() - started) / 1e9);
        System.out.print(table.format());
        EvaluationReport.writeCsv(table, results.resolve("results.csv"));
        EvaluationReport.writeChart(Map.of(index, table), "UnED " + split + " (" + protocol + ")", results.resolve("results.png"));
        System.out.println("results: " + results.resolve("results.csv") + ", " + results.resolve("results.png"));
        return 0;
    }

    /**
     * CONFIG DATA_DIR [KEY=VALUE...]; with --descriptors CONFIG may be left out (then the descriptors' width is
     * the first file's), as the config is only used for MODEL.embedding_dim there.
     */
    private void readPositional() {
        List<String> paths = positional.stream().takeWhile(a -> !DataDirArguments.isOverride(a)).toList();
        overrides = new ArrayList<>(positional.subList(paths.size(), positional.size()));
        if (paths.size() == 1 && source.descriptors != null) {
            if (!overrides.isEmpty()) {
                throw new IllegalArgumentException("KEY=VALUE overrides (" + overrides.get(0) + ") need a CONFIG: "
                        + "mdfe evaluate CONFIG DATA_DIR --descriptors DIR KEY=VALUE");
            }
            dataDir = Path.of(paths.get(0));
        } else if (paths.size() == 2) {
            config = Path.of(paths.get(0));
            dataDir = Path.of(paths.get(1));
        } else {
            throw new IllegalArgumentException("expected CONFIG DATA_DIR [KEY=VALUE...]" + (source.descriptors != null
                    ? " or, with --descriptors, DATA_DIR alone" : "") + "; got " + paths.size() + " path(s): " + paths);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + ": unknown value '" + value + "'; allowed: "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
