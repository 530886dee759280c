package io.mdfe.data.events;

import io.mdfe.data.DataServiceConfig;
import io.mdfe.data.catalog.DatasetCatalog;
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
 * The data-service's outbox ({@code <state-dir>/outbox}) and its relay to Kafka. At startup, events a crash left
 * staged are published when the catalog holds their registration and dropped otherwise.
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(DataServiceConfig config, DatasetCatalog catalog) {
        Outbox outbox = Outbox.open(config.stateDir().resolve("outbox"));
        outbox.recover(entry -> DatasetEventJournal.saved(entry, catalog));
        return outbox;
    }

    @Produces
    @Singleton
    @Startup
    OutboxRelay relay(Outbox outbox, @Channel(DatasetEventJournal.CHANNEL) Emitter<byte[]> emitter,
                      EventsConfig events, MeterRegistry registry) {
        return OutboxRelay.start(outbox, new EmitterEventSender(emitter), events.outbox(), registry);
    }

    void stop(@Disposes OutboxRelay relay) {
        relay.close();
    }
}
