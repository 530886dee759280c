package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What eval-service observed: besides the phase, conditions and generation of every {@link ResourceStatus}, the
 * resolved model, per-domain results and their mean, and start and finish times (RFC 3339).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationStatus extends ResourceStatus {

    /** The eval-service job id (its gRPC GetEvaluation key). */
    private String evaluationId;
    /** The bundle scored (resolved from a TrainingRun when the spec names one). */
    private String model;
    private List<DomainScores> results;
    private Scores mean;
    private String startTime;
    private String finishTime;

    public String getEvaluationId() { return evaluationId; }
    public void setEvaluationId(String evaluationId) { this.evaluationId = evaluationId; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public List<DomainScores> getResults() { return results; }
    public void setResults(List<DomainScores> results) { this.results = results; }
    public Scores getMean() { return mean; }
    public void setMean(Scores mean) { this.mean = mean; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getFinishTime() { return finishTime; }
    public void setFinishTime(String finishTime) { this.finishTime = finishTime; }
}
