package io.mdfe.eval.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobStore;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.proto.eval.EvalService;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.EvaluateResponse;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.GetEvaluationRequest;
import io.mdfe.proto.eval.ListEvaluationsRequest;
import io.mdfe.proto.eval.ListEvaluationsResponse;
import io.mdfe.proto.eval.Progress;
import io.mdfe.proto.eval.StreamProgressRequest;
import io.mdfe.service.common.grpc.GrpcErrors;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code mdfe.eval.v1.EvalService} gRPC API over the {@link JobQueue}. Evaluate validates on a worker
 * thread (it reads the bundle manifest and the info files) and returns as soon as the job is queued; the
 * evaluation itself runs on the queue's own workers, never on the event loop.
 */
@GrpcService
public class EvalGrpcService implements EvalService {

    private final JobQueue queue;
    private final JobStore store;
    private final EvaluationRequests requests;

    EvalGrpcService(JobQueue queue, JobStore store, EvaluationRequests requests) {
        this.queue = queue;
        this.store = store;
        this.requests = requests;
    }

    /** Reads the bundle manifest and the info files and saves the job: blocking. */
    @Override
    @Blocking
    public Uni<EvaluateResponse> evaluate(EvaluateRequest request) {
        return call(() -> {
            EvaluationRequests.Validated valid = requests.validate(request);
            EvaluationJob job = queue.submit(valid.spec(), valid.model(), JobTrigger.API);
            return EvaluateResponse.newBuilder().setEvaluationId(job.id()).build();
        });
    }

    /** Waits for the queue's lock, which a worker holds while it saves a job file: blocking. */
    @Override
    @Blocking
    public Uni<Evaluation> getEvaluation(GetEvaluationRequest request) {
        return call(() -> queue.get(request.getEvaluationId())
                .map(job -> EvaluationMessages.evaluation(job, store.reports(job.id())))
                .orElseThrow(() -> unknownEvaluation(request.getEvaluationId())));
    }

    /** Waits for the queue's lock, which a worker holds while it saves a job file: blocking. */
    @Override
    @Blocking
    public Uni<ListEvaluationsResponse> listEvaluations(ListEvaluationsRequest request) {
        return call(() -> {
            ListEvaluationsResponse.Builder response = ListEvaluationsResponse.newBuilder();
            queue.list().forEach(job -> response.addEvaluations(EvaluationMessages.evaluation(job,
                    store.reports(job.id()))));
            return response.build();
        });
    }

    /**
     * Emits the job's progress at subscription and at every change (from the worker thread that made it),
     * then completes after the first message with a final state. Subscribes on a worker thread, since reading
     * the snapshot waits for the queue's lock. Messages are few (one per phase and per
     * embedded batch), so the stream needs no flow control of its own.
     */
    @Override
    public Multi<Progress> streamProgress(StreamProgressRequest request) {
        String id = request.getEvaluationId();
        return Multi.createFrom().<Progress>emitter(emitter -> {
            Object lock = new Object();
            Progress[] last = new Progress[1];
            boolean[] done = new boolean[1];
            Optional<JobQueue.Watch> watch = queue.watch(id, job -> {
                synchronized (lock) {
                    Progress progress = EvaluationMessages.progress(job);
                    // The snapshot at subscription may be delivered twice; clients see each state once.
                    if (done[0] || progress.equals(last[0])) {
                        return;
                    }
                    last[0] = progress;
                    emitter.emit(progress);
                    if (job.state().terminal()) {
                        done[0] = true;
                        emitter.complete();
                    }
                }
            });
            if (watch.isEmpty()) {
                emitter.fail(unknownEvaluation(id));
                return;
            }
            emitter.onTermination(watch.get()::close);
            synchronized (lock) {
                if (done[0]) {
                    // Finished before onTermination was registered.
                    watch.get().close();
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A status already, since {@link #streamProgress} fails its stream with it untransformed. */
    private static StatusRuntimeException unknownEvaluation(String id) {
        return Status.NOT_FOUND.withDescription("evaluation_id: no evaluation '" + id + "'").asRuntimeException();
    }

    private static <T> Uni<T> call(Supplier<T> work) {
        return Uni.createFrom().item(work).onFailure().transform(GrpcErrors::toStatus);
    }
}
