package io.mdfe.embedder.events;

import io.mdfe.embedder.EmbedderConfig;
import io.mdfe.embedder.EmbedderRuntime;
import io.mdfe.embedder.model.BundleUris;
import io.mdfe.embedder.model.ModelLoadException;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.service.common.events.EventsConfig;
import io.mdfe.service.common.events.consume.IdempotentHandler;
import io.mdfe.service.common.events.consume.PoisonEventException;
import io.mdfe.service.common.paths.ArtifactRoots;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Serves each new checkpoint announced on the training-events channel, optionally only those of the
 * configured model id. Only queues the load (it runs on the loader's thread), so it never blocks the
 * Kafka consumer; a bundle that fails to load is reported by the loader and the current model stays. An event
 * naming a bundle directory that does not exist goes to the dead-letter topic; one naming a bundle outside the
 * artifact roots is logged and skipped.
 */
@ApplicationScoped
public class CheckpointListener {

    /** The channel name; its topic is configured ({@code mdfe.training-events}). */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final EmbedderRuntime runtime;
    private final EmbedderConfig config;
    private final ArtifactRoots artifactRoots;
    // The consumer group is stable per instance, so a restart resumes at the committed offset: the ids of the
    // events applied since are kept in the state directory.
    private final IdempotentHandler handler;

    CheckpointListener(EmbedderRuntime runtime, EmbedderConfig config, ArtifactRoots artifactRoots,
                       EventsConfig events, MeterRegistry registry) {
        this.runtime = runtime;
        this.config = config;
        this.artifactRoots = artifactRoots;
        this.handler = IdempotentHandler.open(CHANNEL, config.stateDir(), events, registry);
    }

    /**
     * Reacts to one training event; only {@code checkpoint_saved} matters here. A repeated event (same
     * {@code ce_id}) is skipped.
     *
     * @param event the event
     * @param cloudEvent its CloudEvents attributes, null for a record without them (then it is not deduplicated)
     */
    @Incoming(CHANNEL)
    @Blocking // a transient failure is retried after a pause, which must not stall the event loop
    public void onTrainingEvent(TrainingEvent event, IncomingCloudEventMetadata<?> cloudEvent) {
        if (event.getKindCase() != TrainingEvent.KindCase.CHECKPOINT_SAVED) {
            return;
        }
        CheckpointSaved checkpoint = event.getCheckpointSaved();
        handler.apply(cloudEvent == null ? null : cloudEvent.getId(), "CheckpointSaved of run "
                + checkpoint.getRunId(), () -> load(checkpoint));
    }

    private void load(CheckpointSaved checkpoint) {
        String modelId = checkpoint.getModel().getModelId();
        if (config.reload().modelId().filter(wanted -> !wanted.equals(modelId)).isPresent()) {
            LOG.debugf("ignoring checkpoint of model %s (serving only %s)", modelId, config.reload().modelId().get());
            return;
        }
        try {
            BundleUris.confine("checkpoint_saved.bundle_uri", checkpoint.getBundleUri(), artifactRoots);
        } catch (RuntimeException e) {
            LOG.warnf("ignoring checkpoint %s/%s of run %s: %s", modelId, checkpoint.getModel().getVersion(),
                    checkpoint.getRunId(), e.getMessage());
            return;
        }
        try {
            BundleUris.resolve(checkpoint.getBundleUri());
        } catch (ModelLoadException e) {
            throw new PoisonEventException("checkpoint " + modelId + "/" + checkpoint.getModel().getVersion()
                    + " of run " + checkpoint.getRunId() + ": " + e.getMessage(), e);
        }
        LOG.infof("checkpoint %s/%s of run %s saved at %s: loading it", modelId, checkpoint.getModel().getVersion(),
                checkpoint.getRunId(), checkpoint.getBundleUri());
        // Failures are logged and counted by the loader; nothing to do here.
        runtime.loader().loadLatest(checkpoint.getBundleUri());
    }

    @PreDestroy
    void close() {
        handler.close();
    }
}
