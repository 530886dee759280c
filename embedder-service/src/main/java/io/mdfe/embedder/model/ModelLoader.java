package io.mdfe.embedder.model;

import ai.djl.ndarray.NDManager;
import io.grpc.Status;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.embedder.batching.ModelSlot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads bundles on one background thread, in request order, and swaps each into the {@link ModelSlot}
 * only after a warm-up forward pass succeeded. A bundle that fails to load or to run is closed and
 * reported (log, the {@code mdfe.embedder.model.loads{outcome=failed}} counter, the returned future);
 * the previous model keeps serving. Each model that goes into service is recorded in a
 * {@link ServedModelStore}, so a restart serves it again.
 */
public final class ModelLoader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelLoader.class.getName());

    private final ModelSlot<BundleModel> slot;
    private final Path modelDir;
    private final NDManager root;
    private final MeterRegistry registry;
    private final ServedModelStore served;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-loader");
        t.setDaemon(true);
        return t;
    });
    /** Numbers the checkpoint events, so an event superseded while waiting is not loaded. */
    private final AtomicLong latestEvent = new AtomicLong();
    private final Counter loaded;
    private final Counter failed;
    private Gauge servedGauge;

    /**
     * @param slot where loaded models go
     * @param modelDir exported backbones, for bundles that reference theirs
     * @param root the manager each bundle's manager descends from
     * @param registry where load counters and the served-model gauge go
     * @param served where the served model is recorded, to be served again after a restart
     */
    public ModelLoader(ModelSlot<BundleModel> slot, Path modelDir, NDManager root, MeterRegistry registry,
                       ServedModelStore served) {
        this.slot = slot;
        this.modelDir = modelDir;
        this.root = root;
        this.registry = registry;
        this.served = served;
        this.loaded = Counter.builder("mdfe.embedder.model.loads").tag("outcome", "loaded")
                .description("Bundle loads, by outcome").register(registry);
        this.failed = Counter.builder("mdfe.embedder.model.loads").tag("outcome", "failed")
                .description("Bundle loads, by outcome").register(registry);
    }

    /**
     * Loads the bundle at {@code location} after the loads already queued and serves it.
     *
     * @param location {@code file:///...} or an absolute path
     * @return the served model, or a {@link ModelLoadException}
     */
    public CompletableFuture<BundleModel> load(String location) {
        return CompletableFuture.supplyAsync(() -> loadNow(location), thread);
    }

    /**
     * Like {@link #load} for a checkpoint event, except that it is skipped when a later event arrived
     * before its turn: a burst of checkpoints loads only the newest.
     *
     * @param location {@code file:///...} or an absolute path
     * @return the served model, or empty when superseded
     */
    public CompletableFuture<Optional<BundleModel>> loadLatest(String location) {
        long event = latestEvent.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            if (event != latestEvent.get()) {
                LOG.info(() -> "skipping checkpoint " + location + ": a newer one arrived");
                return Optional.empty();
            }
            return Optional.of(loadNow(location));
        }, thread);
    }

    private BundleModel loadNow(String location) {
        try {
            Path dir = BundleUris.resolve(location);
            BundleModel model = open(dir);
            slot.swap(model);
            loaded.increment();
            showServed(model);
            LOG.info(() -> "serving model " + model.modelId() + "/" + model.version() + " from " + dir);
            remember(model);
            return model;
        } catch (ModelLoadException e) {
            failed.increment();
            LOG.log(Level.WARNING, "model load failed, previous model keeps serving: " + e.getMessage(), e);
            throw e;
        }
    }

    private BundleModel open(Path dir) {
        ModelBundle bundle;
        try {
            bundle = ModelBundle.load(dir, modelDir, root);
        } catch (RuntimeException e) {
            throw new ModelLoadException(Status.Code.FAILED_PRECONDITION, "bundle " + dir + ": " + e.getMessage(), e);
        }
        BundleModel model = new BundleModel(bundle, dir.toUri(), Instant.now());
        try {
            // A blank image through the network: proves the bundle runs and pays first-call costs here,
            // not in the first batch after the swap.
            int size = bundle.manifest().imageSize();
            float[][] out = model.embed(List.of(new float[3 * size * size]));
            if (out[0].length != bundle.manifest().embeddingDim()) {
                throw new IllegalStateException("produces " + out[0].length + "-d embeddings, manifest says "
                        + bundle.manifest().embeddingDim());
            }
        } catch (RuntimeException e) {
            model.close();
            throw new ModelLoadException(Status.Code.FAILED_PRECONDITION, "bundle " + dir + " does not run: "
                    + e.getMessage(), e);
        }
        return model;
    }

    /** The model serves either way; failing to record it only costs the restart its memory, so it is a warning. */
    private void remember(BundleModel model) {
        try {
            served.save(model);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "serving " + model.modelId() + "/" + model.version()
                    + ", but it could not be recorded for a restart: " + e.getMessage(), e);
        }
    }

    /** One gauge {@code mdfe.embedder.model.served{model_id, version} = 1} for the served model only. */
    private synchronized void showServed(BundleModel model) {
        if (servedGauge != null) {
            registry.remove(servedGauge);
        }
        servedGauge = Gauge.builder("mdfe.embedder.model.served", () -> 1)
                .description("The model being served (value 1; id and version as tags)")
                .tag("model_id", model.modelId()).tag("version", model.version())
                .register(registry);
    }

    /** Stops the loader thread after the load in progress, if any. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
