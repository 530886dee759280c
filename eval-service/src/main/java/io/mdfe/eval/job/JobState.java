package io.mdfe.eval.job;

/** Where an evaluation job is in its life. */
public enum JobState {
    /** Waiting for a worker. */
    QUEUED,
    /** On a worker; a job found RUNNING at startup was interrupted by a shutdown and is queued again. */
    RUNNING,
    /** Finished with results. */
    SUCCEEDED,
    /** Finished with an error message. */
    FAILED;

    /** {@return true for SUCCEEDED and FAILED, which never change again} */
    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
