package io.mdfe.service.common.events.outbox;

import io.mdfe.service.common.events.EventsConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Runs a service's {@link OutboxRelay} from startup to shutdown. A service that publishes events produces two
 * beans: its {@link Outbox}, opened with {@link Outbox#openRecovered}, and the {@link EventSender} of its event
 * channel (an {@link EmitterEventSender}); the relay, its gauge and its stop are the same for every service, so
 * they live here. A service without an outbox starts no relay.
 */
@ApplicationScoped
public class OutboxRelayLifecycle {

    private final Instance<Outbox> outbox;
    private final Instance<EventSender> sender;
    private final EventsConfig events;
    private final MeterRegistry registry;
    private OutboxRelay relay;

    OutboxRelayLifecycle(Instance<Outbox> outbox, Instance<EventSender> sender, EventsConfig events,
                         MeterRegistry registry) {
        this.outbox = outbox;
        this.sender = sender;
        this.events = events;
        this.registry = registry;
    }

    void start(@Observes StartupEvent started) {
        if (!outbox.isResolvable()) {
            return;
        }
        if (!sender.isResolvable()) {
            throw new IllegalStateException("the service has an Outbox bean but no EventSender bean to publish it");
        }
        // The outbox is made (and recovered) here at the latest: staged events are settled before any are sent.
        relay = OutboxRelay.start(outbox.get(), sender.get(), events.outbox(), registry);
    }

    @PreDestroy
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }
}
