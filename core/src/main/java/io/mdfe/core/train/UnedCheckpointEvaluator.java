package io.mdfe.core.train;

import ai.djl.ndarray.NDManager;
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
import java.util.Map;

/**
 * Upstream's evaluation at every save point: the checkpoint's bundle on the UnED validation split,
 * merged protocol, exact search. Writes {@code eval_val_merged.csv} and {@code .png} into the
 * checkpoint folder and returns the mean R@1, mMP@5 and mAP@5.
 */
public final class UnedCheckpointEvaluator implements CheckpointEvaluator {

    private final UnedDataset dataset;
    private final Path modelDir;
    private final int batchSize;
    private final int workers;
    private final Metric metric;

    /**
     * @param dataRoot a UnED data root ({@code info_files/} + {@code images/})
     * @param modelDir exported backbones, for bundles that reference theirs
     * @param batchSize images per forward pass
     * @param workers decoding threads
     * @param metric the search distance
     */
    public UnedCheckpointEvaluator(Path dataRoot, Path modelDir, int batchSize, int workers, Metric metric) {
        this.dataset = UnedDataset.open(dataRoot);
        this.modelDir = modelDir;
        this.batchSize = batchSize;
        this.workers = workers;
        this.metric = metric;
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
            EvaluationReport.writeCsv(table, checkpoint.dir().resolve("eval_val_merged.csv"));
            EvaluationReport.writeChart(Map.of("step " + checkpoint.step(), table),
                    "UnED val (merged) at step " + checkpoint.step(), checkpoint.dir().resolve("eval_val_merged.png"));
            return EvaluationReport.summary(table);
        }
    }

    /** Scores a loaded bundle on the validation split, merged protocol. */
    public EvaluationTable evaluate(ModelBundle bundle) throws java.io.IOException {
        UnedBenchmark benchmark = new UnedBenchmark(dataset, new RetrievalEvaluator(IndexRegistry.local().factory("exact"),
                Map.of(), RetrievalEvaluator.unedMetrics()), bundle.manifest().modelId(), bundle.manifest().modelVersion(),
                metric);
        EvaluationSet set = benchmark.set(UnedSplit.VAL, UnedProtocol.MERGED, List.of());
        return benchmark.run(set, new BundleEmbeddings(bundle, batchSize, workers, ModelBundle.maxImagePixels(bundle.dir()),
                n -> { }));
    }
}
