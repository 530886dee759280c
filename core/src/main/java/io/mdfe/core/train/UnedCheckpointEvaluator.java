package io.mdfe.core.train;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.config.TrainConfig;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.EvaluationReport;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.SplitEmbeddings;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.eval.baseline.Baseline;
import io.mdfe.core.eval.baseline.BaselineEmbeddings;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Upstream's evaluation at every save point: the checkpoint's bundle on the UnED validation split of
 * every domain, exact search, with the distance and protocol of {@code TRAIN.eval_metric} and
 * {@code TRAIN.eval_protocol} (upstream: euclidean, merged). Writes {@code eval_val_<protocol>.csv} and
 * {@code .png} into the checkpoint folder and returns the mean R@1, mMP@5 and mAP@5. With a reference baseline
 * (see {@link #withBaseline}) it also returns the baseline's means, keyed {@code "<baseline> <metric>"}
 * (e.g. {@code thumbnail R@1}), so {@code eval_results.csv}, the plot and the progress line show at
 * once whether the model beats it; the baseline is scored once per run, it does not change.
 */
public final class UnedCheckpointEvaluator implements CheckpointEvaluator {

    private final UnedDataset dataset;
    private final Path modelDir;
    private final int batchSize;
    private final int workers;
    private final Metric metric;
    private final UnedProtocol protocol;
    private final Baseline baseline;
    private EvaluationTable baselineTable;

    /**
     * Checks now, before training starts, that every domain has its val benchmark files.
     *
     * @param dataRoot a UnED data root ({@code info_files/} + {@code images/})
     * @param modelDir exported backbones, for bundles that reference theirs
     * @param batchSize images per forward pass
     * @param workers decoding threads
     * @param metric the search distance
     * @param protocol merged or separate
     * @throws io.mdfe.core.data.dataset.DatasetException naming a domain that cannot be evaluated, and why
     */
    public UnedCheckpointEvaluator(Path dataRoot, Path modelDir, int batchSize, int workers, Metric metric,
                                   UnedProtocol protocol) {
        this(UnedDataset.open(dataRoot), modelDir, batchSize, workers, metric, protocol, null);
        dataset.evaluation(UnedSplit.VAL, protocol, List.of());
    }

    private UnedCheckpointEvaluator(UnedDataset dataset, Path modelDir, int batchSize, int workers, Metric metric,
                                    UnedProtocol protocol, Baseline baseline) {
        this.dataset = dataset;
        this.modelDir = modelDir;
        this.batchSize = batchSize;
        this.workers = workers;
        this.metric = metric;
        this.protocol = protocol;
        this.baseline = baseline;
    }

    /**
     * The evaluator {@code TRAIN.eval_metric} and {@code TRAIN.eval_protocol} ask for.
     *
     * @see #UnedCheckpointEvaluator(Path, Path, int, int, Metric, UnedProtocol)
     */
    public static UnedCheckpointEvaluator of(TrainConfig train, Path dataRoot, Path modelDir, int batchSize,
                                             int workers) {
        return new UnedCheckpointEvaluator(dataRoot, modelDir, batchSize, workers, Metric.parse(train.evalMetric()),
                UnedProtocol.valueOf(train.evalProtocol().toUpperCase(Locale.ROOT)));
    }

    /** This evaluator, also scoring {@code reference} (once) and reporting it beside each checkpoint. */
    public UnedCheckpointEvaluator withBaseline(Baseline reference) {
        return new UnedCheckpointEvaluator(dataset, modelDir, batchSize, workers, metric, protocol, reference);
    }

    /** True when {@code dataRoot} holds UnED data to evaluate on. */
    public static boolean applies(Path dataRoot) {
        return UnedDataset.isUnedRoot(dataRoot);
    }

    @Override
    public Map<String, Double> evaluate(CheckpointInfo checkpoint) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(checkpoint.bundle(), modelDir, manager)) {
            EvaluationTable table = evaluate(bundle);
            String name = "eval_val_" + protocol.name().toLowerCase(Locale.ROOT);
            EvaluationReport.writeCsv(table, checkpoint.dir().resolve(name + ".csv"));
            Map<String, EvaluationTable> charted = new LinkedHashMap<>();
            charted.put("step " + checkpoint.step(), table);
            Map<String, Double> metrics = EvaluationReport.summary(table);
            if (baseline != null) {
                EvaluationTable reference = baselineTable();
                charted.put(baseline.name(), reference);
                reference.mean().forEach((key, v) -> metrics.put(baseline.name() + " " + key, v));
            }
            EvaluationReport.writeChart(charted, "UnED val (" + protocol.name().toLowerCase(Locale.ROOT) + ", "
                    + metric.id() + ") at step " + checkpoint.step(), checkpoint.dir().resolve(name + ".png"));
            return metrics;
        }
    }

    /** Scores a loaded bundle on the validation split with this evaluator's protocol and distance. */
    public EvaluationTable evaluate(ModelBundle bundle) throws IOException {
        return score(bundle.manifest().modelId(), bundle.manifest().modelVersion(),
                new BundleEmbeddings(bundle, batchSize, workers, ModelBundle.maxImagePixels(bundle.dir()), n -> { }));
    }

    /** The reference baseline on the same split, protocol and metric, computed at the first checkpoint. */
    private EvaluationTable baselineTable() throws IOException {
        if (baselineTable == null) {
            baselineTable = score("baseline", baseline.name(), new BaselineEmbeddings(baseline, workers, n -> { }));
        }
        return baselineTable;
    }

    private EvaluationTable score(String modelId, String modelVersion, SplitEmbeddings source) throws IOException {
        UnedBenchmark benchmark = new UnedBenchmark(dataset, new RetrievalEvaluator(IndexRegistry.local().factory("exact"),
                Map.of(), RetrievalEvaluator.unedMetrics()), modelId, modelVersion, metric);
        EvaluationSet set = benchmark.set(UnedSplit.VAL, protocol, List.of());
        return benchmark.run(set, source);
    }
}
