package io.mdfe.eval.k8s;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.k8s.api.v1alpha1.Conditions;
import io.mdfe.k8s.api.v1alpha1.DomainScores;
import io.mdfe.k8s.api.v1alpha1.EvaluationStatus;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.Scores;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** An Evaluation's status from its eval-service job: phase, Ready condition, results, times. */
final class EvaluationStatuses {

    /** The UnED metric columns the status carries (core's RetrievalEvaluator names them so). */
    static final String R_AT_1 = "R@1";
    static final String MMP_AT_5 = "mMP@5";
    static final String MAP_AT_5 = "mAP@5";
    /** The error prefix of a job cancelled for its resource (deleted, or its spec changed). */
    static final String CANCELLED = "cancelled: ";

    private EvaluationStatuses() {
    }

    /** Mirrors {@code job} into {@code status} for the spec {@code generation}. */
    static EvaluationStatus of(EvaluationStatus status, EvaluationJob job, long generation, Instant now) {
        status.setEvaluationId(job.id());
        status.setModel(job.spec().bundleDir().toUri().toString());
        status.setStartTime(job.started() == null ? null : job.started().toString());
        status.setFinishTime(job.finished() == null ? null : job.finished().toString());
        boolean succeeded = job.table() != null && job.state() == io.mdfe.eval.job.JobState.SUCCEEDED;
        status.setResults(succeeded ? job.table().domains().stream().map(EvaluationStatuses::domain).toList() : null);
        status.setMean(succeeded ? scores(job.table().mean()) : null);
        return switch (job.state()) {
            case QUEUED -> phase(status, Phase.Pending, false, "Queued", "waiting for an eval-service worker", generation, now);
            case RUNNING -> phase(status, Phase.Running, false, "Evaluating",
                    job.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '), generation, now);
            case SUCCEEDED -> phase(status, Phase.Succeeded, true, "Evaluated", String.format(Locale.ROOT,
                    "mean over %d domains: R@1 %.4f, mMP@5 %.4f, mAP@5 %.4f", job.table().domains().size(),
                    status.getMean().getRecallAt1(), status.getMean().getMmpAt5(), status.getMean().getMapAt5()),
                    generation, now);
            case FAILED -> phase(status, Phase.Failed, false,
                    job.error() != null && job.error().startsWith(CANCELLED) ? "Cancelled" : "EvaluationFailed",
                    job.error(), generation, now);
        };
    }

    /** A status with no job behind it (bad input, or waiting for a checkpoint). */
    static EvaluationStatus phase(EvaluationStatus status, Phase phase, boolean ready, String reason, String message,
                                  long generation, Instant now) {
        status.setPhase(phase);
        status.setObservedGeneration(generation);
        status.setConditions(Conditions.withReady(status.getConditions(), ready, reason, message, generation, now));
        return status;
    }

    /** The status of a new spec generation: the previous generation's job and results are forgotten. */
    static EvaluationStatus forNewGeneration(EvaluationStatus old) {
        EvaluationStatus fresh = new EvaluationStatus();
        fresh.setConditions(old.getConditions());
        return fresh;
    }

    static EvaluationStatus copy(EvaluationStatus status) {
        return Serialization.clone(status);
    }

    /** @return whether writing {@code after} would change nothing */
    static boolean same(EvaluationStatus before, EvaluationStatus after) {
        return Objects.equals(Serialization.asJson(before), Serialization.asJson(after));
    }

    private static DomainScores domain(DomainResult row) {
        DomainScores scores = new DomainScores();
        scores.setDomain(row.domain());
        scores.setRecallAt1(row.metrics().get(R_AT_1));
        scores.setMmpAt5(row.metrics().get(MMP_AT_5));
        scores.setMapAt5(row.metrics().get(MAP_AT_5));
        scores.setQueries(row.queries());
        scores.setIndexItems(row.indexItems());
        scores.setLoneQueries(row.loneQueries());
        return scores;
    }

    private static Scores scores(Map<String, Double> mean) {
        return new Scores(mean.get(R_AT_1), mean.get(MMP_AT_5), mean.get(MAP_AT_5));
    }
}
