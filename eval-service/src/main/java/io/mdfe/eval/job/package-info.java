/**
 * Evaluation jobs without Quarkus: {@link io.mdfe.eval.job.JobQueue} (bounded workers, submission order,
 * restart recovery), {@link io.mdfe.eval.job.JobStore} (one atomic {@code job.json} per job, reports beside
 * it) and the {@link io.mdfe.eval.job.EvaluationRunner} seam with its in-process implementation
 * {@link io.mdfe.eval.job.UnedEvaluationRunner}.
 */
package io.mdfe.eval.job;
