package io.mdfe.eval.grpc;

import com.google.protobuf.Timestamp;
import io.mdfe.core.eval.DomainResult;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.EvaluationSpec;
import io.mdfe.eval.job.JobStore;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.JobState;
import io.mdfe.proto.eval.Phase;
import io.mdfe.proto.eval.Progress;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.eval.Split;
import io.mdfe.proto.eval.Timings;
import io.mdfe.proto.eval.Trigger;
import java.time.Instant;

/** The protobuf views of a job for the gRPC API. */
final class EvaluationMessages {

    private EvaluationMessages() {
    }

    static Evaluation evaluation(EvaluationJob job, JobStore.Reports reports) {
        Evaluation.Builder message = Evaluation.newBuilder()
                .setEvaluationId(job.id())
                .setRequest(request(job.spec()))
                .setModel(ModelRef.newBuilder().setModelId(job.model().modelId()).setVersion(job.model().version()))
                .setTrigger(switch (job.trigger()) {
                    case API -> Trigger.TRIGGER_API;
                    case CHECKPOINT -> Trigger.TRIGGER_CHECKPOINT;
                    case FINAL -> Trigger.TRIGGER_FINAL;
                    case RESOURCE -> Trigger.TRIGGER_RESOURCE;
                })
                .setProgress(progress(job))
                .setTimings(timings(job));
        if (job.error() != null) {
            message.setError(job.error());
        }
        if (job.recallAt1() != null) {
            message.setRecallAt1(job.recallAt1());
        }
        if (job.runId() != null) {
            message.setRunId(job.runId());
        }
        EvaluationTable table = job.table();
        if (table != null) {
            for (DomainResult row : table.domains()) {
                message.addDomains(io.mdfe.proto.eval.DomainResult.newBuilder().setDomain(row.domain())
                        .putAllMetrics(row.metrics()).setQueries(row.queries()).setIndexItems(row.indexItems())
                        .setLoneQueries(row.loneQueries()).setSeconds(row.seconds()));
            }
            message.putAllMean(table.mean())
                    .setResultsCsv(reports.csv().toString())
                    .setResultsPng(reports.png().toString());
        }
        return message.build();
    }

    static Progress progress(EvaluationJob job) {
        return Progress.newBuilder()
                .setEvaluationId(job.id())
                .setState(JobState.valueOf("JOB_STATE_" + job.state().name()))
                .setPhase(Phase.valueOf("PHASE_" + job.phase().name()))
                .setImagesEmbedded(job.imagesEmbedded())
                .setImagesTotal(job.imagesTotal())
                .build();
    }

    private static EvaluateRequest request(EvaluationSpec spec) {
        return EvaluateRequest.newBuilder()
                .setBundleUri(spec.bundleDir().toUri().toString())
                .setDataRoot(spec.dataRoot().toString())
                .setSplit(Split.valueOf("SPLIT_" + spec.split().name()))
                .setProtocol(Protocol.valueOf("PROTOCOL_" + spec.protocol().name()))
                .addAllDomains(spec.domains())
                .setIndexBackend(spec.indexBackend())
                .putAllIndexParams(spec.indexParams())
                .setMetric(spec.metric())
                .build();
    }

    private static Timings timings(EvaluationJob job) {
        Timings.Builder timings = Timings.newBuilder()
                .setSubmitted(timestamp(job.submitted()))
                .setEmbedSeconds(job.embedSeconds())
                .setSearchSeconds(job.searchSeconds());
        if (job.started() != null) {
            timings.setStarted(timestamp(job.started()));
        }
        if (job.finished() != null) {
            timings.setFinished(timestamp(job.finished()));
        }
        if (job.table() != null) {
            timings.setIndexBuildSeconds(job.table().buildSeconds());
        }
        return timings.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
