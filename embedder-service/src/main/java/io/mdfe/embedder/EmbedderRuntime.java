package io.mdfe.embedder;

import ai.djl.ndarray.NDManager;
import io.mdfe.embedder.batching.DynamicBatcher;
import io.mdfe.embedder.batching.ModelSlot;
import io.mdfe.embedder.model.BundleModel;
import io.mdfe.embedder.model.ModelLoader;
import io.mdfe.embedder.model.ServedModelStore;
import io.mdfe.embedder.model.ServedModelStore.ServedModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Owns the service's inference machinery for the application's lifetime: the root NDManager, the
 * served {@link ModelSlot}, the {@link DynamicBatcher} and the {@link ModelLoader}. At startup it serves
 * the model it served before the restart ({@link ServedModelStore}), else (none recorded, or it cannot be
 * loaded any more: a warning) the initial bundle; if that fails too the service still starts, not ready,
 * and a LoadModel call or a checkpoint event can bring a model.
 */
@ApplicationScoped
public class EmbedderRuntime {

    private static final Logger LOG = Logger.getLogger(EmbedderRuntime.class);

    private final NDManager root = NDManager.newBaseManager();
    private final ModelSlot<BundleModel> slot = new ModelSlot<>();
    private final DynamicBatcher<BundleModel> batcher;
    private final ModelLoader loader;
    private final EmbedderConfig config;
    private final ServedModelStore servedModel;

    EmbedderRuntime(EmbedderConfig config, MeterRegistry registry) {
        this.config = config;
        this.servedModel = new ServedModelStore(config.stateDir());
        this.batcher = new DynamicBatcher<>(slot, config.batching().settings(), registry);
        this.loader = new ModelLoader(slot, config.modelDir(), root, registry, servedModel);
    }

    void loadInitialBundle(@Observes StartupEvent event) {
        LOG.infof("embedder instance %s, state in %s", config.instanceId(), config.stateDir());
        Optional<ServedModel> before = servedModel.load();
        if (before.isPresent()) {
            ServedModel last = before.get();
            try {
                loader.load(last.bundleUri()).join();
                LOG.infof("serving %s/%s again, as before the restart", last.modelId(), last.version());
                return;
            } catch (CompletionException e) {
                LOG.warnf("the model served before the restart, %s/%s at %s, cannot be loaded (%s); serving the "
                        + "initial bundle instead", last.modelId(), last.version(), last.bundleUri(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        config.initialBundle().ifPresent(location -> {
            try {
                loader.load(location).join();
            } catch (CompletionException e) {
                // Logged and counted by the loader; readiness stays DOWN until a model loads.
            }
        });
    }

    /** {@return the served model} */
    public ModelSlot<BundleModel> slot() {
        return slot;
    }

    /** {@return the request batcher} */
    public DynamicBatcher<BundleModel> batcher() {
        return batcher;
    }

    /** {@return the bundle loader} */
    public ModelLoader loader() {
        return loader;
    }

    @PreDestroy
    void close() {
        batcher.close();
        loader.close();
        slot.close();
        root.close();
    }
}
