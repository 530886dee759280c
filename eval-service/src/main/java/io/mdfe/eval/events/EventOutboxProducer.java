package io.mdfe.eval.events;

import io.mdfe.eval.EvalServiceConfig;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobStore;
import io.mdfe.service.common.events.EventsConfig;
import io.mdfe.service.common.events.outbox.EmitterEventSender;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The eval-service's outbox ({@code <state-dir>/outbox}) and its relay to Kafka. EvaluationCompleted events are
 * staged just before the job store saves the SUCCEEDED job they announce and committed after it; an event a crash
 * left staged is published when that job was saved as SUCCEEDED ({@link EvaluationEventPublisher#saved}), else
 * dropped (the job, still RUNNING on disk, runs again).
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(EvalServiceConfig config, JobStore store) {
        Outbox outbox = Outbox.open(config.stateDir().resolve("outbox"));
        List<EvaluationJob> jobs = store.loadAll();
        outbox.recover(entry -> EvaluationEventPublisher.saved(entry, jobs));
        return outbox;
    }

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Outbox outbox, @Channel(EvaluationEventPublisher.CHANNEL) Emitter<byte[]> emitter,
                      EventsConfig events, MeterRegistry registry) {
        return OutboxRelay.start(outbox, new EmitterEventSender(emitter), events.outbox(), registry);
    }

    void stop(@Disposes OutboxRelay relay) {
        relay.close();
    }
}
