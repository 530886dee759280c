package io.mdfe.eval.job;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.uned.EvaluationSet;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.eval.BundleEmbeddings;
import io.mdfe.core.eval.EvaluationReport;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.eval.RetrievalEvaluator;
import io.mdfe.core.eval.UnedBenchmark;
import io.mdfe.core.index.Metric;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a job in this process with core's {@link UnedBenchmark}: loads the bundle, embeds every split the
 * evaluation set needs, scores the retrieval tasks on the indexes {@link IndexBackends} gives the job, and
 * writes the CSV and bar-chart reports.
 */
public final class UnedEvaluationRunner implements EvaluationRunner {

    private final IndexBackends indexes;
    private final Path modelDir;
    private final int batchSize;
    private final int decodeThreads;

    /**
     * @param indexes where each job's indexes are built and searched
     * @param modelDir exported backbones, for bundles that reference theirs
     * @param batchSize images per forward pass
     * @param decodeThreads image decoding threads
     */
    public UnedEvaluationRunner(IndexBackends indexes, Path modelDir, int batchSize, int decodeThreads) {
        this.indexes = indexes;
        this.modelDir = modelDir;
        this.batchSize = batchSize;
        this.decodeThreads = decodeThreads;
    }

    @Override
    public EvaluationResult run(EvaluationJob job, JobStore.Reports reports, ProgressListener progress)
            throws Exception {
        EvaluationSpec spec = job.spec();
        RecordingIndexFactory builds = new RecordingIndexFactory(indexes.factory(job));
        RetrievalEvaluator evaluator = new RetrievalEvaluator(builds, spec.indexParams(),
                RetrievalEvaluator.unedMetrics());
        EvaluationTable table;
        EmbeddingClock embedding;
        try (NDManager manager = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(spec.bundleDir(), modelDir, manager)) {
            UnedBenchmark benchmark = new UnedBenchmark(UnedDataset.open(spec.dataRoot()), evaluator,
                    bundle.manifest().modelId(), bundle.manifest().modelVersion(), Metric.parse(spec.metric()));
            EvaluationSet set = benchmark.set(spec.split(), spec.protocol(), spec.domains());
            embedding = new EmbeddingClock(benchmark.imagesToEmbed(set), progress);
            table = benchmark.run(set, new BundleEmbeddings(bundle, batchSize, decodeThreads,
                    ModelBundle.maxImagePixels(bundle.dir()), embedding::add));
        }
        double searchSeconds = embedding.secondsSinceEmbedded();
        progress.phase(JobPhase.WRITING_REPORTS);
        String protocol = spec.protocol().name().toLowerCase(Locale.ROOT);
        EvaluationReport.writeCsv(table, reports.csv());
        EvaluationReport.writeChart(Map.of(spec.indexBackend(), table), "UnED " + spec.split().name()
                .toLowerCase(Locale.ROOT) + " (" + protocol + ") of " + job.model(), reports.png());
        return new EvaluationResult(table, embedding.seconds(), searchSeconds, builds.recallAt1());
    }

    /**
     * Counts embedded images and tells the job; once all are embedded the benchmark goes on to search, so the
     * phase becomes SEARCHING and the embedding time is taken.
     */
    private static final class EmbeddingClock {
        private final long total;
        private final ProgressListener progress;
        private final long start = System.nanoTime();
        private long done;
        private long end;

        EmbeddingClock(long total, ProgressListener progress) {
            this.total = total;
            this.progress = progress;
            progress.phase(JobPhase.EMBEDDING);
            progress.embedded(0, total);
        }

        void add(int images) {
            done += images;
            progress.embedded(done, total);
            if (done >= total && end == 0) {
                end = System.nanoTime();
                progress.phase(JobPhase.SEARCHING);
            }
        }

        double seconds() {
            return ((end == 0 ? System.nanoTime() : end) - start) / 1e9;
        }

        double secondsSinceEmbedded() {
            return end == 0 ? 0 : (System.nanoTime() - end) / 1e9;
        }
    }
}
