package io.mdfe.eval.job;

import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.data.uned.UnedSplit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated evaluation request, defaults filled in: what {@link EvaluationRunner} runs. Paths are real
 * (symbolic links resolved), and the data root lies under the allowed root.
 *
 * @param bundleDir the model bundle directory
 * @param dataRoot the UnED data root
 * @param split val or test
 * @param protocol merged or separate
 * @param domains UnED domain names; empty means every domain on disk
 * @param indexBackend an {@link io.mdfe.core.index.IndexRegistry} backend name
 * @param indexParams that backend's parameters
 * @param metric the search distance, an {@link io.mdfe.core.index.Metric} id
 */
public record EvaluationSpec(Path bundleDir, Path dataRoot, UnedSplit split, UnedProtocol protocol,
                             List<String> domains, String indexBackend, Map<String, String> indexParams,
                             String metric) {

    /** Makes the collections unmodifiable. */
    public EvaluationSpec {
        domains = List.copyOf(domains);
        indexParams = Map.copyOf(indexParams);
    }
}
