package io.mdfe.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Loading committed configs, upstream-style YAML and overrides. */
class ConfigLoaderTest {

    /** The committed MDFE2 recipes: every YAML file in configs/ but the system settings of {@code mdfe up}. */
    static Stream<Path> committedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(RepoPaths.configsDir())) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().equals("system.yaml")).sorted().toList();
            assertTrue(yamls.size() >= 3, "expected the committed recipes in configs/, found " + yamls);
            return yamls.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("committedConfigs")
    void everyCommittedConfigLoadsAndRoundTrips(Path file) {
        MdfeConfig config = ConfigLoader.load(file, List.of());
        assertEquals(file.toString(), config.source().name());
        assertEquals(config, ConfigLoader.fromYamlString(config.toYaml(), "round-trip", List.of()));
    }

    @Test
    void linearProbeRecipe() {
        MdfeConfig c = ConfigLoader.load(
                RepoPaths.configsDir().resolve("linear_probe_siglip_so400m_subcenter_arcface_k3.yaml"), List.of());
        assertTrue(c.model().backbone().freezeBackbone());
        assertEquals("siglip", c.model().backbone().type());
        assertEquals("vit_so400m_patch14_siglip_384", c.model().backbone().modelName());
        assertEquals(1152, c.model().backbone().outputDim());
        assertEquals("ArcFace", c.model().head().name());
        assertEquals(3, c.model().head().k());
        assertEquals(64, c.model().embeddingDim());
        assertEquals("Adam", c.optimizer().name());
        assertEquals(2e-2, c.optimizer().lr());
        assertEquals("cosine", c.scheduler().name());
        assertEquals("linear", c.scheduler().warmup());
        assertEquals(10, c.train().epochs());
        assertEquals(128, c.dataloader().batchSize());
        assertEquals("openai-clip", c.transform().name());
        assertEquals(384, c.transform().size());
    }

    @Test
    void zeroShotRecipe() {
        MdfeConfig c = ConfigLoader.load(RepoPaths.configsDir().resolve("zero_shot_clip_vitb16_pooling.yaml"), List.of());
        assertEquals("pooling", c.model().neck().neckType());
        assertEquals("clip", c.model().backbone().type());
        assertEquals("ViT-B-16", c.model().backbone().modelName());
        assertEquals(512, c.model().backbone().outputDim());
        assertEquals(64, c.model().embeddingDim());
    }

    @Test
    void demoRecipe() {
        MdfeConfig c = ConfigLoader.load(RepoPaths.configsDir().resolve("demo.yaml"), List.of());
        assertEquals("demo-cnn", c.model().backbone().type());
        assertEquals(128, c.model().backbone().outputDim());
        assertFalse(c.model().backbone().freezeBackbone());
        assertEquals(32, c.model().embeddingDim());
        assertEquals(1, c.model().head().k());
        assertEquals(64, c.dataloader().batchSize());
        assertEquals(2, c.dataloader().numWorkers());
        assertEquals(1e-3, c.optimizer().lr());
        assertEquals(8, c.train().epochs());
        assertEquals("cpu", c.train().device());
        assertEquals("custom", c.transform().name());
        assertEquals(64, c.transform().size());
        assertEquals(List.of(0.5, 0.5, 0.5), c.transform().mean());
        assertEquals(List.of(0.5, 0.5, 0.5), c.transform().std());
    }

    @Test
    void upstreamStyleYamlParses() {
        MdfeConfig c = ConfigLoader.load(RepoPaths.resource("upstream-style.yaml"), List.of());
        assertEquals(7, c.seed());
        assertEquals("", c.model().name(), "None = unset optional key");
        assertFalse(c.model().backbone().freezeBackbone());
        assertTrue(c.model().backbone().projLayer());
        assertEquals(0.0, c.model().neck().dropout(), "int accepted where a float is expected");
        assertEquals(64.0, c.model().head().s());
        assertFalse(c.model().head().dynamicS());
        assertEquals("DynM-ArcFace", c.model().head().name());
        assertEquals(List.of("m4d-35k", "uned"), c.dataset().names());
        assertEquals(List.of(), c.transform().mean());
        assertFalse(c.train().epochBased());
        assertEquals(20000, c.train().iterations());
        assertEquals(List.of(1, 5, 10), c.train().saveEpoch());
        assertEquals("cuda:1", c.train().device());
        assertEquals(List.of(1, 2, 3), c.train().gpuIds());
        assertTrue(c.train().dataParallel());
        assertEquals("SAM_AdamW", c.optimizer().name());
        assertEquals(1e-3, c.optimizer().lr(), "1e-3 (a YAML 1.1 string) read as a float");
        assertEquals(5e-2, c.optimizer().weightDecay());
        assertEquals("exponential", c.scheduler().warmup());
        assertEquals(1e-6, c.scheduler().minLr());
    }

    @Test
    void overridesSetScalarsListsAndBooleans() {
        MdfeConfig c = ConfigLoader.fromYamlString("", "test", List.of(
                "MODEL.HEAD.k=3",
                "DATASET.names=[m4d-35k,uned]",
                "TRAIN.save_epoch=[1,5]",
                "MODEL.BACKBONE.freeze_backbone=False",
                "OPTIMIZER.lr=5e-3",
                "TRAIN.device=cpu",
                "TRANSFORM.mean=[0.5, 0.4, 0.3]",
                "TRANSFORM.std=[0.2,0.2,0.2]",
                "MODEL.HEAD.k=5"));
        assertEquals(5, c.model().head().k(), "a later override of the same key wins");
        assertEquals(List.of("m4d-35k", "uned"), c.dataset().names());
        assertEquals(List.of(1, 5), c.train().saveEpoch());
        assertFalse(c.model().backbone().freezeBackbone());
        assertEquals(5e-3, c.optimizer().lr());
        assertEquals("cpu", c.train().device());
        assertEquals(List.of(0.5, 0.4, 0.3), c.transform().mean());
        assertEquals(List.of("MODEL.HEAD.k=3", "DATASET.names=[m4d-35k,uned]", "TRAIN.save_epoch=[1,5]",
                "MODEL.BACKBONE.freeze_backbone=False", "OPTIMIZER.lr=5e-3", "TRAIN.device=cpu",
                "TRANSFORM.mean=[0.5, 0.4, 0.3]", "TRANSFORM.std=[0.2,0.2,0.2]", "MODEL.HEAD.k=5"),
                c.source().overrides());
    }

    @Test
    void overridesApplyAfterTheFile() {
        MdfeConfig c = ConfigLoader.load(RepoPaths.configsDir().resolve("demo.yaml"),
                List.of("TRAIN.epochs=1", "DATASET.names=uned", "MODEL.BACKBONE.model_dir=/opt/models"));
        assertEquals(1, c.train().epochs());
        assertEquals(List.of("uned"), c.dataset().names(), "a scalar is a one-element list");
        assertEquals("/opt/models", c.model().backbone().modelDir());
        assertEquals(64, c.dataloader().batchSize(), "untouched keys keep the file's value");
    }

    @Test
    void yamlRoundTripKeepsEveryValueOfANonDefaultConfig() {
        MdfeConfig original = ConfigLoader.load(RepoPaths.resource("upstream-style.yaml"),
                List.of("MODEL.name=run: \"7\"", "TRAIN.device=cuda", "MODEL.BACKBONE.weights=no"));
        String yaml = original.toYaml();
        MdfeConfig reloaded = ConfigLoader.fromYamlString(yaml, "round-trip", List.of());
        assertEquals(original, reloaded, yaml);
        assertEquals(original.values(), reloaded.values());
        assertEquals("run: \"7\"", reloaded.model().name());
        assertEquals("no", reloaded.model().backbone().weights(), "YAML 1.1 boolean words stay strings");
        assertTrue(yaml.contains("MODEL:\n  name: ") && yaml.contains("\n  HEAD:\n    name: DynM-ArcFace\n"), yaml);
    }

    @Test
    void equalityIgnoresProvenance() {
        MdfeConfig fromOverride = ConfigLoader.fromYamlString("", "a", List.of("SEED=42"));
        assertEquals(ConfigLoader.defaults(), fromOverride);
        assertEquals(ConfigLoader.defaults().hashCode(), fromOverride.hashCode());
        assertFalse(ConfigLoader.defaults().equals(ConfigLoader.fromYamlString("", "a", List.of("SEED=1"))));
    }
}
