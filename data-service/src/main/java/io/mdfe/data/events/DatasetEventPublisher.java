package io.mdfe.data.events;

import io.mdfe.data.DataServiceConfig;
import io.mdfe.data.catalog.DatasetInfos;
import io.mdfe.data.catalog.DatasetRecord;
import io.mdfe.data.catalog.Registration;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetRegistered;
import io.mdfe.proto.events.DatasetUpdated;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Announces registrations on the {@value #CHANNEL} channel as {@link DatasetEvent}s keyed by dataset id, so
 * one dataset's events stay in order. The topic is configured, not named here.
 */
@ApplicationScoped
public class DatasetEventPublisher {

    /** The outgoing channel; {@code mp.messaging.outgoing.dataset-events.*} maps it to a topic. */
    public static final String CHANNEL = "dataset-events";

    private final Emitter<Record<String, DatasetEvent>> emitter;
    private final DataServiceConfig config;
    private final Clock clock = Clock.systemUTC();

    DatasetEventPublisher(@Channel(CHANNEL) Emitter<Record<String, DatasetEvent>> emitter, DataServiceConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Publishes the event for a registration that changed something and waits for the broker's
     * acknowledgement; blocks, so call it from a worker thread.
     *
     * @param registration what the catalog did; UNCHANGED publishes nothing
     * @throws EventPublishException when the broker does not acknowledge in time
     */
    public void publish(Registration registration) {
        DatasetRecord dataset = registration.dataset();
        DatasetEvent.Builder event = DatasetEvent.newBuilder().setTimestamp(DatasetInfos.timestamp(clock.instant()));
        switch (registration.outcome()) {
            case UNCHANGED -> {
                return;
            }
            case REGISTERED -> event.setRegistered(DatasetRegistered.newBuilder()
                    .setDataset(DatasetInfos.of(dataset, dataset.current())));
            case UPDATED -> event.setUpdated(DatasetUpdated.newBuilder()
                    .setDataset(DatasetInfos.of(dataset, dataset.current()))
                    .setPreviousVersion(registration.previousCurrent()));
        }
        try {
            emitter.send(Record.of(dataset.id(), event.build())).toCompletableFuture()
                    .get(config.eventAckTimeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException(dataset.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublishException(dataset.id(), e);
        }
    }
}
