package io.mdfe.eval.job;

import io.mdfe.core.eval.EvaluationTable;
import java.time.Instant;

/**
 * An immutable snapshot of one evaluation job, as persisted in its {@code job.json}. Each transition
 * returns a new snapshot.
 *
 * @param id the job id
 * @param spec what to evaluate
 * @param model the model checkpoint, from the bundle manifest
 * @param trigger who asked for it
 * @param state where it is in its life
 * @param phase what it is doing
 * @param imagesEmbedded images embedded so far
 * @param imagesTotal images the evaluation set needs (0 until embedding starts)
 * @param table the results, once SUCCEEDED
 * @param error why it FAILED
 * @param submitted when it was queued
 * @param started when its (latest) run started
 * @param finished when it succeeded or failed
 * @param embedSeconds wall time spent embedding
 * @param searchSeconds wall time spent building indexes and searching
 * @param runId the training run of a checkpoint or final evaluation; null for API jobs
 * @param finalRun what a final evaluation's run report needs to know of the run; null for other jobs
 * @param recallAt1 approximate index backends: recall@1 against exact search, once SUCCEEDED; else null
 */
public record EvaluationJob(String id, EvaluationSpec spec, ModelKey model, JobTrigger trigger, JobState state,
                            JobPhase phase, long imagesEmbedded, long imagesTotal, EvaluationTable table,
                            String error, Instant submitted, Instant started, Instant finished,
                            double embedSeconds, double searchSeconds, String runId, FinalRun finalRun,
                            Double recallAt1) {

    /** A new job waiting for a worker. */
    static EvaluationJob queued(String id, EvaluationSpec spec, ModelKey model, JobTrigger trigger, String runId,
                                FinalRun finalRun, Instant now) {
        return new EvaluationJob(id, spec, model, trigger, JobState.QUEUED, JobPhase.WAITING, 0, 0, null, null, now,
                null, null, 0, 0, runId, finalRun, null);
    }

    /** The same job back in the queue, its interrupted run forgotten. */
    EvaluationJob requeued() {
        return new EvaluationJob(id, spec, model, trigger, JobState.QUEUED, JobPhase.WAITING, 0, 0, null, null,
                submitted, null, null, 0, 0, runId, finalRun, null);
    }

    EvaluationJob running(Instant now) {
        return new EvaluationJob(id, spec, model, trigger, JobState.RUNNING, JobPhase.LOADING_MODEL, 0, 0, null, null,
                submitted, now, null, 0, 0, runId, finalRun, null);
    }

    EvaluationJob inPhase(JobPhase next) {
        return new EvaluationJob(id, spec, model, trigger, state, next, imagesEmbedded, imagesTotal, table, error,
                submitted, started, finished, embedSeconds, searchSeconds, runId, finalRun, recallAt1);
    }

    EvaluationJob withEmbedded(long done, long total) {
        return new EvaluationJob(id, spec, model, trigger, state, phase, done, total, table, error, submitted, started,
                finished, embedSeconds, searchSeconds, runId, finalRun, recallAt1);
    }

    EvaluationJob succeeded(EvaluationResult result, Instant now) {
        return new EvaluationJob(id, spec, model, trigger, JobState.SUCCEEDED, JobPhase.DONE, imagesEmbedded,
                imagesTotal, result.table(), null, submitted, started, now, result.embedSeconds(),
                result.searchSeconds(), runId, finalRun, result.recallAt1());
    }

    EvaluationJob failed(String reason, Instant now) {
        return new EvaluationJob(id, spec, model, trigger, JobState.FAILED, JobPhase.DONE, imagesEmbedded,
                imagesTotal, null, reason, submitted, started, now, embedSeconds, searchSeconds, runId, finalRun, null);
    }
}
