package io.mdfe.eval.events;

import io.mdfe.eval.EvalServiceConfig;
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
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The eval-service's outbox ({@code <state-dir>/outbox}) and its relay to Kafka. EvaluationCompleted events are
 * appended right after the job store saved the SUCCEEDED job they announce, so an event a crash left staged
 * announces a saved change and is published.
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(EvalServiceConfig config) {
        Outbox outbox = Outbox.open(config.stateDir().resolve("outbox"));
        outbox.recover(entry -> true);
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
