package io.mdfe.k8s.api.v1alpha1;

/** What happens when a training pod fails. */
public enum ResumePolicy {
    /** Retry up to maxRestarts times, each retry continuing from the newest checkpoint (the default). */
    LastCheckpoint,
    /** Never retry: the first pod failure fails the run (the Job's backoffLimit is 0). */
    Never
}
