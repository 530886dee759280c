package io.mdfe.eval.job;

import io.mdfe.core.index.BuildReport;
import io.mdfe.core.index.IndexFactory;
import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Neighbors;
import io.mdfe.core.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps the {@link BuildReport} of every index a factory builds, so that a job can report the recall@1 of its
 * approximate indexes against exact search (the evaluator itself only wants the neighbours).
 */
final class RecordingIndexFactory implements IndexFactory {

    private final IndexFactory delegate;
    private final List<BuildReport> builds = new CopyOnWriteArrayList<>();

    RecordingIndexFactory(IndexFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public VectorIndex create(IndexSpec spec, Map<String, String> params) {
        return new Recording(delegate.create(spec, params));
    }

    @Override
    public VectorIndex load(Path dir) throws IOException {
        return new Recording(delegate.load(dir));
    }

    /**
     * {@return the recall@1 against exact search over every build that measured one, weighted by its sample
     * queries; null when none did (exact search)}
     */
    Double recallAt1() {
        double hits = 0;
        long samples = 0;
        for (BuildReport report : builds) {
            if (report.recallAt1().isPresent() && report.sampleQueries() > 0) {
                hits += report.recallAt1().getAsDouble() * report.sampleQueries();
                samples += report.sampleQueries();
            }
        }
        return samples == 0 ? null : hits / samples;
    }

    /** The index, with its build recorded. */
    private final class Recording implements VectorIndex {
        private final VectorIndex index;

        Recording(VectorIndex index) {
            this.index = index;
        }

        @Override
        public IndexSpec spec() {
            return index.spec();
        }

        @Override
        public void add(float[] vectors, int count) {
            index.add(vectors, count);
        }

        @Override
        public BuildReport build() {
            BuildReport report = index.build();
            builds.add(report);
            return report;
        }

        @Override
        public Neighbors search(float[] queries, int count, int k) {
            return index.search(queries, count, k);
        }

        @Override
        public long size() {
            return index.size();
        }

        @Override
        public void save(Path dir) throws IOException {
            index.save(dir);
        }

        @Override
        public void close() {
            index.close();
        }
    }
}
