package io.mdfe.eval.job;

/**
 * Runs one evaluation job to completion. The seam between the job queue and the evaluation itself: the
 * service runs {@link UnedEvaluationRunner} in process; a Kubernetes operator can later drive the same
 * queue with a runner that starts a pod instead.
 */
public interface EvaluationRunner {

    /**
     * Evaluates {@code job.spec()}, reporting phases and progress, and writes the job's reports to
     * {@code reports}. Blocks; runs on a worker thread of the {@link JobQueue}.
     *
     * @param job the job, in state RUNNING
     * @param reports where the job's CSV and PNG reports go
     * @param progress told of every phase change and embedded batch
     * @return the results
     * @throws Exception whatever makes the evaluation fail; its message becomes the job's error
     */
    EvaluationResult run(EvaluationJob job, JobStore.Reports reports, ProgressListener progress) throws Exception;
}
