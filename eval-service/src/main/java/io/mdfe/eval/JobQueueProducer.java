package io.mdfe.eval;

import io.mdfe.core.index.IndexRegistry;
import io.mdfe.eval.events.EvaluationEventPublisher;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobStore;
import io.mdfe.eval.job.UnedEvaluationRunner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the job queue from the configuration: in-process UnED runs, the local index backends, and an
 * EvaluationCompleted event after every success. The queue starts with the application, so jobs left
 * queued or running by the previous instance resume without waiting for a call.
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
    JobQueue queue(EvalServiceConfig config, JobStore store, IndexRegistry indexes, EvaluationEventPublisher events) {
        return JobQueue.start(store, new UnedEvaluationRunner(indexes, config.modelDir(), config.batchSize(),
                config.decodeThreads()), config.workers(), config.maxQueued(), events::publish, Clock.systemUTC());
    }

    void close(@Disposes JobQueue queue) {
        queue.close();
    }
}
