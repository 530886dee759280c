package io.mdfe.core.eval;

import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.QueryIndexSplits;
import io.mdfe.core.data.uned.RetrievalTask;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import io.mdfe.core.io.NpyMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The UnED benchmark end to end: embeds each needed split once (query and index splits of every
 * evaluated domain), then runs the retrieval tasks of the protocol and scores R@1, mMP@5 and mAP@5
 * per domain.
 */
public final class UnedBenchmark {

    private final UnedDataset dataset;
    private final RetrievalEvaluator evaluator;
    private final String modelId;
    private final String modelVersion;
    private final Metric metric;

    /**
     * @param dataset the UnED data on disk
     * @param evaluator the index backend and metrics
     * @param modelId model id recorded in the indexes
     * @param modelVersion model version recorded in the indexes
     * @param metric the search distance (upstream's {@code --metric})
     */
    public UnedBenchmark(UnedDataset dataset, RetrievalEvaluator evaluator, String modelId, String modelVersion,
                         Metric metric) {
        this.dataset = dataset;
        this.evaluator = evaluator;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.metric = metric;
    }

    /** The (domain, split) pairs the set needs embeddings for, each once. */
    public static Set<SplitRef> splits(EvaluationSet set) {
        Set<SplitRef> refs = new LinkedHashSet<>();
        for (UnedDomain d : set.domains()) {
            QueryIndexSplits s = d.splits(set.split());
            refs.add(new SplitRef(d, s.query()));
            refs.add(new SplitRef(d, s.index()));
        }
        return refs;
    }

    /** Number of images to embed for {@code set} (for progress bars). */
    public long imagesToEmbed(EvaluationSet set) {
        return splits(set).stream().mapToLong(r -> dataset.items(r.domain(), r.split()).size()).sum();
    }

    /** The evaluation set of a split, protocol and domains (empty = every domain on disk). */
    public EvaluationSet set(UnedSplit split, UnedProtocol protocol, List<String> domains) {
        return dataset.evaluation(split, protocol, domains);
    }

    /** Embeds what {@code set} needs from {@code source} and scores every task. */
    public EvaluationTable run(EvaluationSet set, SplitEmbeddings source) throws IOException {
        Map<Path, float[]> byImage = new HashMap<>();
        int dim = -1;
        for (SplitRef ref : splits(set)) {
            List<UnedItem> items = dataset.items(ref.domain(), ref.split());
            NpyMatrix m = source.embed(ref.domain(), ref.split(), items);
            if (m.rows() != items.size()) {
                throw new IllegalArgumentException(ref + ": " + m.rows() + " embeddings for " + items.size() + " items");
            }
            dim = m.cols();
            for (int i = 0; i < items.size(); i++) {
                byImage.put(items.get(i).image(), m.row(i));
            }
        }
        IndexSpec spec = new IndexSpec(modelId, modelVersion, dim, metric);
        List<EvaluationTable> tables = new ArrayList<>();
        for (RetrievalTask task : set.tasks()) {
            tables.add(evaluator.evaluate(task, rows(task.queries(), byImage, dim), rows(task.index(), byImage, dim),
                    spec));
        }
        return EvaluationTable.combine(tables);
    }

    private static NpyMatrix rows(List<UnedItem> items, Map<Path, float[]> byImage, int dim) {
        float[] data = new float[items.size() * dim];
        for (int i = 0; i < items.size(); i++) {
            System.arraycopy(byImage.get(items.get(i).image()), 0, data, i * dim, dim);
        }
        return new NpyMatrix(items.size(), dim, data);
    }

    /**
     * One split of one domain.
     *
     * @param domain the domain
     * @param split the split name (val, test, index, small_index, ...)
     */
    public record SplitRef(UnedDomain domain, String split) {
        @Override
        public String toString() {
            return domain.name() + "/" + split;
        }
    }
}
