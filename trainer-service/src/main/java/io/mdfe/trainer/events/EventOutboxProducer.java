package io.mdfe.trainer.events;

import io.mdfe.service.common.events.EventsConfig;
import io.mdfe.service.common.events.outbox.EmitterEventSender;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxRelay;
import io.mdfe.trainer.TrainerServiceConfig;
import io.mdfe.trainer.run.RunRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The trainer-service's outbox ({@code <state-dir>/outbox}) and its relay to Kafka. Run events are staged just
 * before the run registry saves the change they announce and committed after it; an event a crash left staged is
 * published when the registry holds its change ({@link TrainingEventPublisher#saved}), else dropped.
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(TrainerServiceConfig config, RunRegistry runs) {
        Outbox outbox = Outbox.open(config.stateDir().resolve("outbox"));
        outbox.recover(entry -> TrainingEventPublisher.saved(entry, runs));
        return outbox;
    }

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Outbox outbox, @Channel(TrainingEventPublisher.CHANNEL) Emitter<byte[]> emitter,
                      EventsConfig events, MeterRegistry registry) {
        return OutboxRelay.start(outbox, new EmitterEventSender(emitter), events.outbox(), registry);
    }

    void stop(@Disposes OutboxRelay relay) {
        relay.close();
    }
}
