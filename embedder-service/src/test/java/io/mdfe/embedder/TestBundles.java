package io.mdfe.embedder;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import java.nio.file.Path;
import java.util.List;

/**
 * Demo-cnn bundles for tests and the benchmark (configs/demo.yaml: 64 px, 32-d), and their embeddings
 * computed in-process the way a bulk client would, to compare the service's answers against.
 */
public final class TestBundles {

    /** The model id every test bundle carries. */
    public static final String MODEL_ID = "demo";

    private TestBundles() {
    }

    /** {@return the demo config of the repository} */
    public static Path demoConfig() {
        return Path.of("..", "configs", "demo.yaml");
    }

    /**
     * Writes a demo-cnn bundle whose weights come from {@code seed}.
     *
     * @param dir the bundle directory
     * @param version the model version recorded in it
     * @param seed the engine seed the weights are drawn with; different seeds give different models
     * @return {@code dir}
     */
    public static Path write(Path dir, String version, int seed) throws Exception {
        MdfeConfig config = ConfigLoader.load(demoConfig(), List.of());
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNetwork network = ModelFactory.inference(config, manager);
            try {
                ModelBundle.write(dir, network, new ModelIds(MODEL_ID, version), config.toYaml(), BackboneStorage.COPY,
                        Provenance.current());
            } finally {
                network.backbone().close();
            }
        }
        return dir;
    }

    /**
     * Embeds encoded images with the bundle at {@code dir} in one batch, in this process.
     *
     * @return one row per image
     */
    public static float[][] embed(Path dir, List<byte[]> images) throws Exception {
        try (NDManager root = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(dir, dir, root);
             NDManager scope = bundle.manager().newSubManager()) {
            int size = bundle.manifest().imageSize();
            int length = 3 * size * size;
            float[] flat = new float[images.size() * length];
            for (int i = 0; i < images.size(); i++) {
                float[] row = bundle.transform().apply(ImageDecoder.decode(images.get(i), "image " + i));
                System.arraycopy(row, 0, flat, i * length, length);
            }
            float[] out = bundle.embed(scope.create(flat, new Shape(images.size(), 3, size, size))).toFloatArray();
            int dim = bundle.manifest().embeddingDim();
            float[][] rows = new float[images.size()][dim];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(out, i * dim, rows[i], 0, dim);
            }
            return rows;
        }
    }
}
