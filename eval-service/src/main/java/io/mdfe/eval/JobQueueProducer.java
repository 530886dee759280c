package io.mdfe.eval;

import io.mdfe.core.index.IndexRegistry;
import io.mdfe.eval.events.EvaluationEventPublisher;
import io.mdfe.eval.index.IndexServiceClient;
import io.mdfe.eval.job.IndexBackends;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.eval.job.JobStore;
import io.mdfe.eval.job.UnedEvaluationRunner;
import io.mdfe.eval.report.RunReports;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the job queue from the configuration: in-process UnED runs; checkpoint (val) and API jobs on the local
 * index backends, final (test) jobs on the index-service; after every success an EvaluationCompleted event, and
 * after a final one first the run report. The queue starts with the application, so jobs left queued or
 * running by the previous instance resume without waiting for a call.
 *
 * <p>Why val stays in process: it is upstream's per-checkpoint check (exact search, the same ExactIndex code
 * the index-service would run, so the same numbers), it runs at every checkpoint while training goes on, and
 * shipping every val vector to the index-service to build, persist and delete an index for one search would
 * only add copies and disk writes. The final test evaluation is the one that may use an approximate or Milvus
 * index, which is what the index-service is for.
 */
@ApplicationScoped
public class JobQueueProducer {

    @Produces
    @Singleton
    IndexRegistry indexes() {
        return IndexRegistry.local();
    }

    @Produces
    @Singleton
    JobStore store(EvalServiceConfig config) {
        return new JobStore(config.stateDir());
    }

    @Produces
    @Singleton
    @Startup
    JobQueue queue(EvalServiceConfig config, JobStore store, IndexRegistry indexes, IndexServiceClient indexService,
                   EvaluationEventPublisher events, RunReports reports) {
        IndexBackends backends = job -> job.trigger() == JobTrigger.FINAL
                ? indexService.indexesOf(job.spec().indexBackend(), job.id())
                : indexes.factory(job.spec().indexBackend());
        return JobQueue.start(store, new UnedEvaluationRunner(backends, config.modelDir(), config.batchSize(),
                config.decodeThreads()), config.workers(), config.maxQueued(),
                job -> events.stage(job, job.trigger() == JobTrigger.FINAL ? reports.write(job) : null),
                Clock.systemUTC());
    }

    void close(@Disposes JobQueue queue) {
        queue.close();
    }
}
