package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import java.util.Map;

/** The index backend and its parameters (e.g. n_trees for annoy; index_type, nprobe for milvus). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IndexSpec {

    @Default("exact")
    private IndexBackend backend = IndexBackend.exact;
    private Map<String, String> params;

    public IndexBackend getBackend() { return backend; }
    public void setBackend(IndexBackend backend) { this.backend = backend; }
    public Map<String, String> getParams() { return params; }
    public void setParams(Map<String, String> params) { this.params = params; }
}
