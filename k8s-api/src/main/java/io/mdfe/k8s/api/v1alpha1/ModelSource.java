package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The model an Evaluation scores: an inference bundle (a path or file:// URI on the shared volume), or a
 * TrainingRun of the same namespace and one of its checkpoints (the newest when {@code checkpointStep} is unset).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.bundleUri) != has(self.trainingRun)",
        message = "exactly one of spec.model.bundleUri and spec.model.trainingRun must be set")
public class ModelSource {

    private String bundleUri;
    private String trainingRun;
    @Min(0)
    private Long checkpointStep;

    public String getBundleUri() { return bundleUri; }
    public void setBundleUri(String bundleUri) { this.bundleUri = bundleUri; }
    public String getTrainingRun() { return trainingRun; }
    public void setTrainingRun(String trainingRun) { this.trainingRun = trainingRun; }
    public Long getCheckpointStep() { return checkpointStep; }
    public void setCheckpointStep(Long checkpointStep) { this.checkpointStep = checkpointStep; }
}
