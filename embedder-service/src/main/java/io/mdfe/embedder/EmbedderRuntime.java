package io.mdfe.embedder;

import ai.djl.ndarray.NDManager;
import io.mdfe.embedder.batching.DynamicBatcher;
import io.mdfe.embedder.batching.ModelSlot;
import io.mdfe.embedder.model.BundleModel;
import io.mdfe.embedder.model.ModelLoader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletionException;

/**
 * Owns the service's inference machinery for the application's lifetime: the root NDManager, the
 * served {@link ModelSlot}, the {@link DynamicBatcher} and the {@link ModelLoader}. Loads the initial
 * bundle at startup; if that fails the service still starts, not ready, and a LoadModel call or a
 * checkpoint event can bring a model.
 */
@ApplicationScoped
public class EmbedderRuntime {

    private final NDManager root = NDManager.newBaseManager();
    private final ModelSlot<BundleModel> slot = new ModelSlot<>();
    private final DynamicBatcher<BundleModel> batcher;
    private final ModelLoader loader;
    private final EmbedderConfig config;

    EmbedderRuntime(EmbedderConfig config, MeterRegistry registry) {
        this.config = config;
        this.batcher = new DynamicBatcher<>(slot, config.batching().settings(), registry);
        this.loader = new ModelLoader(slot, config.modelDir(), root, registry);
    }

    void loadInitialBundle(@Observes StartupEvent event) {
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
