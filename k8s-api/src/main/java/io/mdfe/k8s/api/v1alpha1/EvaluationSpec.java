package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * What to score: the model, the UnED data (root under eval-service's data root, empty for its configured
 * UnED root), split, protocol, domains (empty for every domain on disk), index and metric.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSpec {

    @Required
    private ModelSource model;
    private String dataRoot;
    @Default("test")
    private Split split = Split.test;
    @Default("merged")
    private Protocol protocol = Protocol.merged;
    private List<String> domains;
    private IndexSpec index;
    @Default("euclidean")
    private Metric metric = Metric.euclidean;

    public ModelSource getModel() { return model; }
    public void setModel(ModelSource model) { this.model = model; }
    public String getDataRoot() { return dataRoot; }
    public void setDataRoot(String dataRoot) { this.dataRoot = dataRoot; }
    public Split getSplit() { return split; }
    public void setSplit(Split split) { this.split = split; }
    public Protocol getProtocol() { return protocol; }
    public void setProtocol(Protocol protocol) { this.protocol = protocol; }
    public List<String> getDomains() { return domains; }
    public void setDomains(List<String> domains) { this.domains = domains; }
    public IndexSpec getIndex() { return index; }
    public void setIndex(IndexSpec index) { this.index = index; }
    public Metric getMetric() { return metric; }
    public void setMetric(Metric metric) { this.metric = metric; }
}
