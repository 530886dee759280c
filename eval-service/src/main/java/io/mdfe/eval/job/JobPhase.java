package io.mdfe.eval.job;

/** What a job is doing, finer than its {@link JobState}. */
public enum JobPhase {
    /** Queued, not started. */
    WAITING,
    /** Loading the bundle and reading the evaluation set's info files. */
    LOADING_MODEL,
    /** Embedding the query and index images. */
    EMBEDDING,
    /** Building the indexes and scoring every query. */
    SEARCHING,
    /** Writing the CSV and PNG reports. */
    WRITING_REPORTS,
    /** Succeeded or failed. */
    DONE
}
