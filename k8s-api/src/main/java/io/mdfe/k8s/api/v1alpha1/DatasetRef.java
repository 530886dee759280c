package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The data a TrainingRun trains on: a dataset registered in data-service (id, optional version) or a data
 * directory under the shared artifacts volume (root), with optional DATASET.names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetRef {

    private String id;
    private String version;
    private String root;
    private List<String> names;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getRoot() { return root; }
    public void setRoot(String root) { this.root = root; }
    public List<String> getNames() { return names; }
    public void setNames(List<String> names) { this.names = names; }
}
