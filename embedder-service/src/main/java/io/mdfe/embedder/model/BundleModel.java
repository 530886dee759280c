package io.mdfe.embedder.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.data.image.RgbImage;
import io.mdfe.core.model.bundle.BundleManifest;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.embedder.batching.BatchModel;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A loaded {@link ModelBundle} as the batcher's model: the bundle's inference transform prepares
 * images, and each batch runs in its own NDManager scope so no native memory outlives it.
 */
public final class BundleModel implements BatchModel {

    private final ModelBundle bundle;
    private final URI uri;
    private final Instant loadedAt;
    private final int inputLength;

    /**
     * @param bundle the loaded bundle; closed by {@link #close()}
     * @param uri where it was loaded from
     * @param loadedAt when it finished loading
     */
    public BundleModel(ModelBundle bundle, URI uri, Instant loadedAt) {
        this.bundle = bundle;
        this.uri = uri;
        this.loadedAt = loadedAt;
        int size = bundle.manifest().imageSize();
        this.inputLength = 3 * size * size;
    }

    /** {@return the bundle's manifest} */
    public BundleManifest manifest() {
        return bundle.manifest();
    }

    /** {@return where the bundle was loaded from} */
    public URI uri() {
        return uri;
    }

    /** {@return when the bundle finished loading} */
    public Instant loadedAt() {
        return loadedAt;
    }

    @Override
    public String modelId() {
        return bundle.manifest().modelId();
    }

    @Override
    public String version() {
        return bundle.manifest().modelVersion();
    }

    @Override
    public float[] prepare(RgbImage image) {
        return bundle.transform().apply(image);
    }

    @Override
    public float[][] embed(List<float[]> inputs) {
        int n = inputs.size();
        float[] flat = new float[n * inputLength];
        for (int i = 0; i < n; i++) {
            System.arraycopy(inputs.get(i), 0, flat, i * inputLength, inputLength);
        }
        int size = bundle.manifest().imageSize();
        float[] out;
        try (NDManager scope = bundle.manager().newSubManager()) {
            out = bundle.embed(scope.create(flat, new Shape(n, 3, size, size))).toFloatArray();
        }
        int dim = bundle.manifest().embeddingDim();
        float[][] rows = new float[n][dim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(out, i * dim, rows[i], 0, dim);
        }
        return rows;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
