package io.mdfe.core.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle loads back and gives bit-identical embeddings, for each backbone storage. */
class ModelBundleTest {

    @TempDir
    Path tmp;

    private static Path repoFile(String relative) {
        Path p = Path.of("..").resolve(relative);
        assertTrue(Files.exists(p), "missing " + p.toAbsolutePath());
        return p;
    }

    private static Path backbonesDir() throws Exception {
        return Path.of(ModelBundleTest.class.getResource("/backbones").toURI());
    }

    private static MdfeConfig tinyVit(boolean frozen, String neck) throws Exception {
        List<String> overrides = new ArrayList<>(List.of(
                "MODEL.BACKBONE.type=clip", "MODEL.BACKBONE.model_name=tiny-vit-test",
                "MODEL.BACKBONE.output_dim=32", "MODEL.BACKBONE.proj_layer=False",
                "MODEL.BACKBONE.model_dir=" + backbonesDir(), "MODEL.BACKBONE.freeze_backbone=" + (frozen ? "True" : "False"),
                "MODEL.embedding_dim=16", "MODEL.NECK.neck_type=" + neck, "TRANSFORM.size=32"));
        return ConfigLoader.load(repoFile("configs/demo.yaml"), overrides);
    }

    /**
     * Saves the network, reloads it and compares the embeddings of a random batch bit for bit. A
     * trainable TorchScript backbone runs other PyTorch kernels while its parameters require
     * gradients, so its pre-save embeddings agree to float rounding only ({@code tolerance}); every
     * load of the bundle is still bit-identical to the others.
     */
    private BundleManifest assertRoundTrip(MdfeConfig cfg, BackboneStorage storage, Path modelDir, float tolerance)
            throws Exception {
        Engine.getInstance().setRandomSeed(cfg.seed());
        Path dir = tmp.resolve("bundle-" + storage);
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            int size = network.backbone().info().imageSize();
            NDArray x = manager.randomNormal(new Shape(3, 3, size, size));
            float[] before = network.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();

            BundleManifest written = ModelBundle.write(dir, network, new ModelIds("run-1", "step-0"), cfg.toYaml(),
                    storage, Provenance.current());
            network.backbone().close();
            float[] firstLoad;
            try (ModelBundle bundle = ModelBundle.load(dir, modelDir, manager)) {
                firstLoad = bundle.embed(x).toFloatArray();
            }
            try (ModelBundle bundle = ModelBundle.load(dir, modelDir, manager)) {
                float[] after = bundle.embed(x).toFloatArray();
                assertArrayEquals(firstLoad, after, 0f, "every load must give bit-identical embeddings");
                assertArrayEquals(before, after, tolerance, "embeddings after reload");
                assertEquals(written.embeddingDim(), bundle.manifest().embeddingDim());
                assertEquals(cfg, ConfigLoader.fromYamlString(Files.readString(dir.resolve(ModelBundle.CONFIG)),
                        "bundle", List.of()));
            }
            return written;
        }
    }

    @Test
    void demoCnnCopyBundleRoundTrips() throws Exception {
        MdfeConfig cfg = ConfigLoader.load(repoFile("configs/demo.yaml"), List.of());
        BundleManifest m = assertRoundTrip(cfg, BackboneStorage.COPY, tmp.resolve("no-models"), 0f);
        assertEquals("demo-cnn", m.backbone().type());
        assertEquals(32, m.embeddingDim());
        assertTrue(Files.exists(tmp.resolve("bundle-COPY/backbone/backbone.params")));
    }

    @Test
    void smallFromScratchCopyBundleRoundTrips() throws Exception {
        MdfeConfig cfg = ConfigLoader.load(repoFile("configs/small-from-scratch.yaml"), List.of());
        BundleManifest m = assertRoundTrip(cfg, BackboneStorage.COPY, tmp.resolve("no-models"), 0f);
        assertEquals("demo-cnn", m.backbone().type());
        assertEquals(256, m.backbone().outputDim());
        assertEquals(cfg.model().embeddingDim(), m.embeddingDim());
        assertTrue(Files.exists(tmp.resolve("bundle-COPY/backbone/backbone.params")));
    }

    @Test
    void frozenTorchScriptIsReferencedBySha256() throws Exception {
        BundleManifest m = assertRoundTrip(tinyVit(true, "proj_layer"), BackboneStorage.REFERENCE, backbonesDir(), 0f);
        assertEquals(BackboneStorage.REFERENCE, m.backboneStorage());
        assertFalse(Files.exists(tmp.resolve("bundle-REFERENCE/backbone")), "a reference bundle holds no backbone copy");
        assertEquals(64, m.backbone().sha256().length());
    }

    @Test
    void trainableTorchScriptIsCopied() throws Exception {
        assertRoundTrip(tinyVit(false, "pooling"), BackboneStorage.COPY, tmp.resolve("no-models"), 1e-6f);
        assertTrue(Files.exists(tmp.resolve("bundle-COPY/backbone/model.pt")));
    }

    @Test
    void trainableBackboneCannotBeReferenced() throws Exception {
        MdfeConfig cfg = tinyVit(false, "proj_layer");
        try (NDManager manager = NDManager.newBaseManager()) {
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            try {
                BundleException e = assertThrows(BundleException.class, () -> ModelBundle.write(tmp.resolve("b"),
                        network, new ModelIds("r", "v"), cfg.toYaml(), BackboneStorage.REFERENCE, Provenance.current()));
                assertTrue(e.getMessage().contains("COPY"), e.getMessage());
                assertFalse(Files.exists(tmp.resolve("b")), "nothing is left behind");
            } finally {
                network.backbone().close();
            }
        }
    }

    @Test
    void badBundlesAreNamed() throws Exception {
        MdfeConfig cfg = ConfigLoader.load(repoFile("configs/demo.yaml"), List.of());
        Path dir = tmp.resolve("b");
        try (NDManager manager = NDManager.newBaseManager()) {
            BundleException missing = assertThrows(BundleException.class,
                    () -> ModelBundle.load(tmp.resolve("nothing"), tmp, manager));
            assertTrue(missing.getMessage().contains("bundle.json is missing"), missing.getMessage());

            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            ModelBundle.write(dir, network, new ModelIds("r", "v"), cfg.toYaml(), BackboneStorage.COPY, Provenance.current());
            network.backbone().close();
            try (ModelBundle bundle = ModelBundle.load(dir, tmp, manager)) {
                BundleException dim = assertThrows(BundleException.class, () -> bundle.requireEmbeddingDim(64, "x.yaml"));
                assertTrue(dim.getMessage().contains("MODEL.embedding_dim is 64 in x.yaml") && dim.getMessage().contains("32-d"),
                        dim.getMessage());
            }

            Files.delete(dir.resolve(ModelBundle.NECK_PARAMS));
            BundleException neck = assertThrows(BundleException.class, () -> ModelBundle.load(dir, tmp, manager));
            assertTrue(neck.getMessage().contains("neck.params"), neck.getMessage());

            Files.writeString(dir.resolve(ModelBundle.MANIFEST), "{\"format\": \"mdfe-bundle\", \"format_version\": 9}");
            BundleException version = assertThrows(BundleException.class, () -> ModelBundle.readManifest(dir));
            assertTrue(version.getMessage().contains("bundle.json"), version.getMessage());
        }
    }
}
