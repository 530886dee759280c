package io.mdfe.index;

import io.mdfe.core.index.IndexSpec;
import io.mdfe.core.index.Metric;
import java.util.Map;

/**
 * One built index as {@code catalogue.json} lists it; its content is in {@code indexes/<name>/}, written
 * by {@link io.mdfe.core.index.VectorIndex#save}.
 *
 * @param name index name
 * @param backend registry name of the backend that loads it
 * @param modelId spec: model id
 * @param modelVersion spec: model version
 * @param dim spec: width
 * @param metric spec: metric id
 * @param params backend parameters
 * @param size vectors at build time
 * @param bytes the build's reported size
 */
record CatalogueEntry(String name, String backend, String modelId, String modelVersion, int dim, String metric,
                      Map<String, String> params, long size, long bytes) {

    static CatalogueEntry of(IndexInfo info) {
        IndexSpec spec = info.spec();
        return new CatalogueEntry(info.name(), info.backend(), spec.modelId(), spec.modelVersion(), spec.dim(),
                spec.metric().id(), info.params(), info.size(), info.bytes());
    }

    IndexSpec spec() {
        return new IndexSpec(modelId, modelVersion, dim, Metric.parse(metric));
    }
}
