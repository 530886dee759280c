package io.mdfe.eval.report;

import io.mdfe.core.report.CheckpointResult;
import io.mdfe.core.report.CurvePoint;
import io.mdfe.core.report.FinalResult;
import io.mdfe.core.report.RunReport;
import io.mdfe.core.report.RunReportWriter;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.FinalRun;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobState;
import io.mdfe.eval.job.JobTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Assembles and writes the report of a run after its final evaluation: the run's facts from its TrainingFinished
 * event, the val evaluation of each of its checkpoints (the jobs its CheckpointSaved events queued, as announced
 * in their EvaluationCompleted events), the final test table, and the per-step training curve from the run
 * folder's {@code train_curve.csv} (events carry only the final loss). Written to {@code <run>/report/}.
 */
@ApplicationScoped
public class RunReports {

    private static final Logger LOG = Logger.getLogger(RunReports.class);
    private static final Pattern STEP = Pattern.compile("step-(\\d+)");
    /** Points of the training curve in the report; enough for a smooth plot of any run length. */
    private static final int CURVE_POINTS = 2000;

    private final Provider<JobQueue> queue;
    private final Clock clock = Clock.systemUTC();

    RunReports(Provider<JobQueue> queue) {
        this.queue = queue;
    }

    /**
     * Writes the report of a succeeded final job. A report that cannot be written is logged and skipped: the
     * evaluation itself still counts and is announced.
     *
     * @param job a SUCCEEDED final job
     * @return the page, or null when there is no run folder or the report could not be written
     */
    public Path write(EvaluationJob job) {
        FinalRun run = job.finalRun();
        if (run == null || run.runDir() == null) {
            LOG.warnf("evaluation %s of %s: no run folder known, so no run report", job.id(), job.model());
            return null;
        }
        try {
            Path page = RunReportWriter.write(assemble(job, queue.get().list()), run.runDir().resolve("report"));
            LOG.infof("run %s: report written to %s", job.runId(), page);
            return page;
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "run %s: the run report could not be written to %s", job.runId(), run.runDir());
            return null;
        }
    }

    /** {@return the report of a final job, with the val results of its model's checkpoint jobs among {@code jobs}} */
    RunReport assemble(EvaluationJob job, List<EvaluationJob> jobs) throws IOException {
        FinalRun run = job.finalRun();
        List<CheckpointResult> checkpoints = jobs.stream()
                .filter(j -> j.trigger() == JobTrigger.CHECKPOINT && j.state() == JobState.SUCCEEDED
                        && j.model().modelId().equals(job.model().modelId()))
                .map(j -> new CheckpointResult(j.model().version(), step(j.model().version()), j.table()))
                .toList();
        LOG.infof("run %s: checkpoints evaluated on val: %s", job.runId(),
                checkpoints.stream().map(CheckpointResult::version).toList());
        List<CurvePoint> curve = RunReport.readCurve(run.runDir().resolve("train_curve.csv"), CURVE_POINTS);
        FinalResult result = new FinalResult(job.model().version(), job.spec().split().name().toLowerCase(Locale.ROOT),
                job.spec().protocol().name().toLowerCase(Locale.ROOT), job.spec().indexBackend(), job.recallAt1(),
                job.table());
        return new RunReport(job.runId(), job.model().modelId(), run.dataset(), run.steps(), run.finalLoss(), curve,
                checkpoints, result, clock.instant());
    }

    /** The step of a checkpoint version {@code step-<N>}; -1 for another naming. */
    private static long step(String version) {
        Matcher m = STEP.matcher(version);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
