package io.mdfe.data.events;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mdfe.data.catalog.DatasetCatalog;
import io.mdfe.data.catalog.DatasetInfos;
import io.mdfe.data.catalog.DatasetRecord;
import io.mdfe.data.catalog.Registration;
import io.mdfe.data.catalog.RegistrationJournal;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetRegistered;
import io.mdfe.proto.events.DatasetUpdated;
import io.mdfe.service.common.ServiceIdentityConfig;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.service.common.events.outbox.OutboxEntry;
import io.mdfe.service.common.events.outbox.StagedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes each registration's {@link DatasetEvent} (keyed and subjected by dataset id, so one dataset's events
 * stay in order) into the data-service's outbox, in the same step as the catalog saves the registration; the
 * outbox relay publishes it on the {@value #CHANNEL} channel, whose topic is configured, not named here.
 */
@ApplicationScoped
public class DatasetEventJournal implements RegistrationJournal {

    /** The outgoing channel; {@code mp.messaging.outgoing.dataset-events.*} maps it to a topic. */
    public static final String CHANNEL = "dataset-events";

    private final Outbox outbox;
    private final String source;
    private final Clock clock = Clock.systemUTC();

    DatasetEventJournal(Outbox outbox, ServiceIdentityConfig identity) {
        this.outbox = outbox;
        this.source = identity.name();
    }

    @Override
    public StagedEvent stage(Registration registration) {
        DatasetRecord dataset = registration.dataset();
        Instant now = clock.instant();
        DatasetEvent.Builder event = DatasetEvent.newBuilder().setTimestamp(DatasetInfos.timestamp(now));
        switch (registration.outcome()) {
            case REGISTERED -> event.setRegistered(DatasetRegistered.newBuilder()
                    .setDataset(DatasetInfos.of(dataset, dataset.current())));
            case UPDATED -> event.setUpdated(DatasetUpdated.newBuilder()
                    .setDataset(DatasetInfos.of(dataset, dataset.current()))
                    .setPreviousVersion(registration.previousCurrent()));
            case UNCHANGED -> throw new IllegalArgumentException("an unchanged registration has no event");
        }
        return outbox.stage(OutboxEntry.of(event.build(), source, dataset.id(), now));
    }

    /**
     * Whether the registration a staged event announces was saved: its version is the dataset's current one.
     * Decides, after a crash, whether a staged event is published or dropped.
     *
     * @param entry a staged outbox entry
     * @param catalog the catalog as loaded from disk
     * @return true when the catalog holds the change
     */
    static boolean saved(OutboxEntry entry, DatasetCatalog catalog) {
        DatasetInfo info;
        try {
            DatasetEvent event = DatasetEvent.parseFrom(entry.payload());
            info = event.hasRegistered() ? event.getRegistered().getDataset() : event.getUpdated().getDataset();
        } catch (InvalidProtocolBufferException e) {
            return false;
        }
        return catalog.datasets().stream().anyMatch(d -> d.id().equals(info.getRef().getDatasetId())
                && d.currentVersion().equals(info.getRef().getVersion()));
    }
}
