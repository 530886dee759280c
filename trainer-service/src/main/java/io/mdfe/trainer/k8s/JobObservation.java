package io.mdfe.trainer.k8s;

/**
 * What the Job launcher last saw of a run's Job: its newest pod and how often the Job retried a failed pod.
 * Under Kubernetes the Job, not the run manager, restarts pods, so this is where a TrainingRun's restart count
 * and pod name come from.
 *
 * @param podName the newest pod of the Job, null before the Job made one
 * @param restarts failed pods the Job replaced by a new one (each new pod resumes from the last checkpoint)
 */
public record JobObservation(String podName, int restarts) {

    /**
     * @param failedPods the Job's {@code status.failed}
     * @param jobFailed whether the Job gave up: its last failed pod was not replaced
     * @return the restarts those mean
     */
    static int restarts(Integer failedPods, boolean jobFailed) {
        int failed = failedPods == null ? 0 : failedPods;
        return Math.max(0, jobFailed ? failed - 1 : failed);
    }
}
