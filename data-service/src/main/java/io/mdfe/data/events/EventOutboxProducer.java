package io.mdfe.data.events;

import io.mdfe.data.DataServiceConfig;
import io.mdfe.data.catalog.DatasetCatalog;
import io.mdfe.service.common.events.outbox.EmitterEventSender;
import io.mdfe.service.common.events.outbox.EventSender;
import io.mdfe.service.common.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The data-service's outbox ({@code <state-dir>/outbox}) and the channel its relay
 * ({@link io.mdfe.service.common.events.outbox.OutboxRelayLifecycle}) publishes to. At startup, events a crash left
 * staged are published when the catalog holds their registration and dropped otherwise.
 */
@ApplicationScoped
public class EventOutboxProducer {

    @Produces
    @Singleton
    Outbox outbox(DataServiceConfig config, DatasetCatalog catalog) {
        return Outbox.openRecovered(config.stateDir(), entry -> DatasetEventJournal.saved(entry, catalog));
    }

    @Produces
    @Singleton
    EventSender sender(@Channel(DatasetEventJournal.CHANNEL) Emitter<byte[]> emitter) {
        return new EmitterEventSender(emitter);
    }
}
