package io.mdfe.eval.events;

import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobStore;
import io.mdfe.service.common.events.outbox.EmitterEventSender;
import io.mdfe.service.common.events.outbox.EventSender;
import io.mdfe.service.common.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The eval-service's outbox ({@code <state-dir>/outbox}) and the channel its relay
 * ({@link io.mdfe.service.common.events.outbox.OutboxRelayLifecycle}) publishes to. EvaluationCompleted events are
 * staged just before the job store saves the SUCCEEDED job they announce and committed after it; an event a crash
 * left staged is published when that job was saved as SUCCEEDED ({@link EvaluationEventPublisher#saved}), else
 * dropped (the job, still RUNNING on disk, runs again).
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(EvalServiceConfig config, JobStore store) {
        List<EvaluationJob> jobs = store.loadAll();
        return Outbox.openRecovered(config.stateDir(), entry -> EvaluationEventPublisher.saved(entry, jobs));
    }

    @Produces
    @Singleton
    EventSender sender(@Channel(EvaluationEventPublisher.CHANNEL) Emitter<byte[]> emitter) {
        return new EmitterEventSender(emitter);
    }
}
