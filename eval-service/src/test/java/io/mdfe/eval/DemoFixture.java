package io.mdfe.eval;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.core.model.EmbeddingNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test inputs: the tiny demo UnED tree (4 domains, one with a separate index) and untrained demo-cnn
 * bundles, written once under {@code target/} (both are deterministic, so a later run may reuse them).
 */
public final class DemoFixture {

    private DemoFixture() {
    }

    /** Writes the demo UnED tree at {@code root} unless it is there. */
    public static synchronized Path unedData(Path root) throws IOException {
        if (!UnedDataset.isUnedRoot(root)) {
            new DemoDataGenerator(7, DemoScale.CI, 2).write(root, false);
        }
        return root;
    }

    /** Writes an untrained demo-cnn bundle named {@code ids} at {@code dir} unless it is there. */
    public static synchronized Path bundle(Path dir, ModelIds ids) throws IOException {
        if (Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST))) {
            return dir;
        }
        MdfeConfig cfg = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), List.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            // fresh weights come from the engine's global generator: seeded, they are the same in every run
            // (unseeded, they depended on what ran before in the JVM, so the untrained network's scores
            // varied from run to run; one CI run saw EvalServiceTest's mean R@1 at 0.0)
            Engine.getInstance().setRandomSeed(cfg.seed());
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            ModelBundle.write(dir, network, ids, cfg.toYaml(), BackboneStorage.COPY, Provenance.current());
            network.backbone().close();
        }
        return dir;
    }
}
