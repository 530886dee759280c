package io.mdfe.trainer.events;

import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.trainer.plan.Retrainer;
import io.mdfe.trainer.recipe.KnownDataset;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the data-service's {@link DatasetEvent}s from the {@value #CHANNEL} channel: each DatasetRegistered
 * or DatasetUpdated is a dataset's new current version, handed to the {@link Retrainer}. Planning creates run
 * folders, so it runs on a worker thread.
 */
@ApplicationScoped
public class DatasetEventConsumer {

    /** The incoming channel; {@code mp.messaging.incoming.dataset-events.*} maps it to a topic. */
    public static final String CHANNEL = "dataset-events";

    private static final Logger LOG = Logger.getLogger(DatasetEventConsumer.class);

    private final Retrainer retrainer;

    DatasetEventConsumer(Retrainer retrainer) {
        this.retrainer = retrainer;
    }

    /**
     * Handles one event.
     *
     * @param event a dataset event
     */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(DatasetEvent event) {
        DatasetInfo info = switch (event.getKindCase()) {
            case REGISTERED -> event.getRegistered().getDataset();
            case UPDATED -> event.getUpdated().getDataset();
            case KIND_NOT_SET -> null;
        };
        if (info == null) {
            LOG.warn("ignoring a dataset event of an unknown kind (from a newer data-service?)");
            return;
        }
        try {
            retrainer.onDatasetVersion(new KnownDataset(info.getRef().getDatasetId(), info.getRef().getVersion(),
                    info.getRoot(), info.getNamesList()));
        } catch (RuntimeException e) {
            // a failed message would stop the channel, and with it every later retraining
            LOG.errorf(e, "cannot handle the %s event of dataset %s", event.getKindCase(),
                    info.getRef().getDatasetId());
        }
    }
}
