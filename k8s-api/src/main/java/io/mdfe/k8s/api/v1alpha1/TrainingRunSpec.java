package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What to train and where: exactly one of an inline MDFE2 config, a ConfigMap holding one, or a recipe
 * registered in trainer-service; KEY=VALUE overrides; the data; and the pod (image, resources, GPU pool
 * placement, restarts). Placement left empty falls back to the chart's GPU node pool defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "(has(self.config) ? 1 : 0) + (has(self.configMapRef) ? 1 : 0) + (has(self.recipe) ? 1 : 0) == 1",
        message = "exactly one of spec.config, spec.configMapRef and spec.recipe must be set")
public class TrainingRunSpec {

    private String config;
    private ConfigMapKeyRef configMapRef;
    private String recipe;
    private List<String> overrides;
    private DatasetRef dataset;
    private String image;
    private TrainingResources resources;
    private Map<String, String> nodeSelector;
    private List<Toleration> tolerations;
    private Affinity affinity;
    @Default("LastCheckpoint")
    private ResumePolicy resumePolicy = ResumePolicy.LastCheckpoint;
    @Min(0)
    @Max(100)
    @Default("3")
    private Integer maxRestarts = 3;

    public String getConfig() { return config; }
    public void setConfig(String config) { this.config = config; }
    public ConfigMapKeyRef getConfigMapRef() { return configMapRef; }
    public void setConfigMapRef(ConfigMapKeyRef configMapRef) { this.configMapRef = configMapRef; }
    public String getRecipe() { return recipe; }
    public void setRecipe(String recipe) { this.recipe = recipe; }
    public List<String> getOverrides() { return overrides; }
    public void setOverrides(List<String> overrides) { this.overrides = overrides; }
    public DatasetRef getDataset() { return dataset; }
    public void setDataset(DatasetRef dataset) { this.dataset = dataset; }
    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public TrainingResources getResources() { return resources; }
    public void setResources(TrainingResources resources) { this.resources = resources; }
    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }
    public ResumePolicy getResumePolicy() { return resumePolicy; }
    public void setResumePolicy(ResumePolicy resumePolicy) { this.resumePolicy = resumePolicy; }
    public Integer getMaxRestarts() { return maxRestarts; }
    public void setMaxRestarts(Integer maxRestarts) { this.maxRestarts = maxRestarts; }
}
