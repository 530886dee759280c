package io.mdfe.trainer.events;

import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.service.common.events.EventsConfig;
import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.service.common.events.consume.PoisonEventException;
import io.mdfe.trainer.TrainerServiceConfig;
import io.mdfe.trainer.plan.Retrainer;
import io.mdfe.trainer.recipe.KnownDataset;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the data-service's {@link DatasetEvent}s from the {@value #CHANNEL} channel: each DatasetRegistered
 * or DatasetUpdated is a dataset's new current version, handed to the {@link Retrainer}. Planning creates run
 * folders, so it runs on a worker thread. Each event is applied once (by its {@code ce_id}); an event naming a
 * dataset folder that does not exist goes to the dead-letter topic; a kind this version does not know is skipped.
 */
@ApplicationScoped
public class DatasetEventConsumer {

    /** The incoming channel; {@code mp.messaging.incoming.dataset-events.*} maps it to a topic. */
    public static final String CHANNEL = "dataset-events";

    private static final Logger LOG = Logger.getLogger(DatasetEventConsumer.class);

    private final Retrainer retrainer;
    private final IdempotentHandler handler;

    DatasetEventConsumer(Retrainer retrainer, TrainerServiceConfig config, EventsConfig events,
                         MeterRegistry registry) {
        this.retrainer = retrainer;
        this.handler = IdempotentHandler.open(CHANNEL, config.stateDir(), events, registry);
    }

    /**
     * Handles one event.
     *
     * @param event a dataset event
     * @param cloudEvent its CloudEvents attributes, null for a record without them (then it is not deduplicated)
     */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(DatasetEvent event, IncomingCloudEventMetadata<?> cloudEvent) {
        handler.apply(cloudEvent == null ? null : cloudEvent.getId(), event.getKindCase() + " event",
                () -> apply(event));
    }

    private void apply(DatasetEvent event) {
        DatasetInfo info = switch (event.getKindCase()) {
            case REGISTERED -> event.getRegistered().getDataset();
            case UPDATED -> event.getUpdated().getDataset();
            case KIND_NOT_SET -> null;
        };
        if (info == null) {
            LOG.warn("ignoring a dataset event of a kind this version does not know (from a newer data-service?)");
            return;
        }
        String datasetId = info.getRef().getDatasetId();
        if (datasetId.isEmpty() || info.getRef().getVersion().isEmpty()) {
            throw new PoisonEventException("dataset.ref: a " + event.getKindCase() + " event needs a dataset id and "
                    + "version, got '" + datasetId + "@" + info.getRef().getVersion() + "'");
        }
        if (info.getRoot().isEmpty() || !Files.isDirectory(Path.of(info.getRoot()))) {
            throw new PoisonEventException("dataset.root: dataset '" + datasetId + "' names folder '"
                    + info.getRoot() + "', which does not exist");
        }
        retrainer.onDatasetVersion(new KnownDataset(datasetId, info.getRef().getVersion(), info.getRoot(),
                info.getNamesList()));
    }

    @PreDestroy
    void close() {
        handler.close();
    }
}
