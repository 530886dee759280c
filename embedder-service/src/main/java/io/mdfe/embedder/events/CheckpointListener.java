package io.mdfe.embedder.events;

import io.mdfe.embedder.EmbedderConfig;
import io.mdfe.embedder.EmbedderRuntime;
import io.mdfe.embedder.model.BundleUris;
import io.mdfe.proto.events.CheckpointSaved;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.service.common.paths.ArtifactRoots;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Serves each new checkpoint announced on the training-events channel, optionally only those of the
 * configured model id. Only queues the load (it runs on the loader's thread), so it never blocks the
 * Kafka consumer; a bundle that fails to load is reported by the loader and the current model stays.
 */
@ApplicationScoped
public class CheckpointListener {

    /** The channel name; its topic is configured ({@code mdfe.training-events}). */
    public static final String CHANNEL = "training-events";

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final EmbedderRuntime runtime;
    private final EmbedderConfig config;
    private final ArtifactRoots artifactRoots;

    CheckpointListener(EmbedderRuntime runtime, EmbedderConfig config, ArtifactRoots artifactRoots) {
        this.runtime = runtime;
        this.config = config;
        this.artifactRoots = artifactRoots;
    }

    /**
     * Reacts to one training event; only {@code checkpoint_saved} matters here.
     *
     * @param event the event
     */
    @Incoming(CHANNEL)
    public void onTrainingEvent(TrainingEvent event) {
        if (event.getKindCase() != TrainingEvent.KindCase.CHECKPOINT_SAVED) {
            return;
        }
        CheckpointSaved checkpoint = event.getCheckpointSaved();
        String modelId = checkpoint.getModel().getModelId();
        if (config.reload().modelId().filter(wanted -> !wanted.equals(modelId)).isPresent()) {
            LOG.debugf("ignoring checkpoint of model %s (serving only %s)", modelId, config.reload().modelId().get());
            return;
        }
        LOG.infof("checkpoint %s/%s of run %s saved at %s: loading it", modelId, checkpoint.getModel().getVersion(),
                checkpoint.getRunId(), checkpoint.getBundleUri());
        try {
            BundleUris.confine("checkpoint_saved.bundle_uri", checkpoint.getBundleUri(), artifactRoots);
        } catch (RuntimeException e) {
            LOG.warnf("ignoring checkpoint %s/%s of run %s: %s", modelId, checkpoint.getModel().getVersion(),
                    checkpoint.getRunId(), e.getMessage());
            return;
        }
        // Failures are logged and counted by the loader; nothing to do here.
        runtime.loader().loadLatest(checkpoint.getBundleUri());
    }
}
