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
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.index.IndexRegistry;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Upstream's evaluation at every save point: the checkpoint's bundle on the UnED validation split of
 * every domain, exact search, with the distance and protocol of {@code TRAIN.eval_metric} and
 * {@code TRAIN.eval_protocol} (upstream: euclidean, merged). Writes {@code eval_val_<protocol>.csv} and
 * {@code .png} into the checkpoint folder and returns the mean R@1, mMP@5 and mAP@5.
 */
public final class UnedCheckpointEvaluator implements CheckpointEvaluator {

    private final UnedDataset dataset;
    private final Path modelDir;
    private final int batchSize;
    private final int workers;
    private final Metric metric;
    private final UnedProtocol protocol;

    /** An evaluator with the merged protocol (upstream's). */
    public UnedCheckpointEvaluator(Path dataRoot, Path modelDir, int batchSize, int workers, Metric metric) {
        this(dataRoot, modelDir, batchSize, workers, metric, UnedProtocol.MERGED);
    }

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
        this.dataset = UnedDataset.open(dataRoot);
        this.modelDir = modelDir;
        this.batchSize = batchSize;
        this.workers = workers;
        this.metric = metric;
        this.protocol = protocol;
        dataset.evaluation(UnedSplit.VAL, protocol, List.of());
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
            EvaluationReport.writeChart(Map.of("step " + checkpoint.step(), table), "UnED val ("
                    + protocol.name().toLowerCase(Locale.ROOT) + ", " + metric.id() + ") at step " + checkpoint.step(),
                    checkpoint.dir().resolve(name + ".png"));
            return EvaluationReport.summary(table);
        }
    }

    /** Scores a loaded bundle on the validation split with this evaluator's protocol and distance. */
    public EvaluationTable evaluate(ModelBundle bundle) throws java.io.IOException {
        UnedBenchmark benchmark = new UnedBenchmark(dataset, new RetrievalEvaluator(IndexRegistry.local().factory("exact"),
                Map.of(), RetrievalEvaluator.unedMetrics()), bundle.manifest().modelId(), bundle.manifest().modelVersion(),
                metric);
        EvaluationSet set = benchmark.set(UnedSplit.VAL, protocol, List.of());
        return benchmark.run(set, new BundleEmbeddings(bundle, batchSize, workers, ModelBundle.maxImagePixels(bundle.dir()),
                n -> { }));
    }
}
