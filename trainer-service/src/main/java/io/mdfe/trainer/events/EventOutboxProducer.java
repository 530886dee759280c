package io.mdfe.trainer.events;

import io.mdfe.service.common.events.outbox.EmitterEventSender;
import io.mdfe.service.common.events.outbox.EventSender;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.trainer.TrainerServiceConfig;
import io.mdfe.trainer.run.RunRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The trainer-service's outbox ({@code <state-dir>/outbox}) and the channel its relay
 * ({@link io.mdfe.service.common.events.outbox.OutboxRelayLifecycle}) publishes to. Run events are staged just
 * before the run registry saves the change they announce and committed after it; an event a crash left staged is
 * published when the registry holds its change ({@link TrainingEventPublisher#saved}), else dropped.
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(TrainerServiceConfig config, RunRegistry runs) {
        return Outbox.openRecovered(config.stateDir(), entry -> TrainingEventPublisher.saved(entry, runs));
    }

    @Produces
    @Singleton
    EventSender sender(@Channel(TrainingEventPublisher.CHANNEL) Emitter<byte[]> emitter) {
        return new EmitterEventSender(emitter);
    }
}
