package io.mdfe.k8s.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What trainer-service observed: besides the phase, conditions and generation of every {@link ResourceStatus},
 * the worker's progress (step of total, last loss, last checkpoint) and the Job and Pod that train it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingRunStatus extends ResourceStatus {

    /** The trainer-service run id (its gRPC GetRun/StreamProgress key). */
    private String runId;
    private Long step;
    private Long totalSteps;
    private Double lastLoss;
    /** The newest checkpoint's inference bundle, a file:// URI valid in every pod. */
    private String lastCheckpoint;
    private String jobName;
    private String podName;
    /** Pod restarts so far (the Job's failed pods). */
    private Integer restarts;
    /** Why it failed: OOMKilled, ImagePullBackOff, Unschedulable, InvalidSpec, BackoffLimitExceeded... */
    private String failureReason;

    public String getRunId() { return runId; }
    public void setRunId(String runId) { this.runId = runId; }
    public Long getStep() { return step; }
    public void setStep(Long step) { this.step = step; }
    public Long getTotalSteps() { return totalSteps; }
    public void setTotalSteps(Long totalSteps) { this.totalSteps = totalSteps; }
    public Double getLastLoss() { return lastLoss; }
    public void setLastLoss(Double lastLoss) { this.lastLoss = lastLoss; }
    public String getLastCheckpoint() { return lastCheckpoint; }
    public void setLastCheckpoint(String lastCheckpoint) { this.lastCheckpoint = lastCheckpoint; }
    public String getJobName() { return jobName; }
    public void setJobName(String jobName) { this.jobName = jobName; }
    public String getPodName() { return podName; }
    public void setPodName(String podName) { this.podName = podName; }
    public Integer getRestarts() { return restarts; }
    public void setRestarts(Integer restarts) { this.restarts = restarts; }
    public String getFailureReason() { return failureReason; }
    public void setFailureReason(String failureReason) { this.failureReason = failureReason; }
}
