package io.mdfe.core.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MODEL.NECK.normalize: bundles serve unit-length embeddings whose euclidean ranking is the cosine
 * ranking, record the flag, and bundles written before the flag load unnormalised as before.
 */
class NormalizedEmbeddingTest {

    @TempDir
    Path tmp;

    private static final int N = 12;
    private static final int DIM = 32;

    private static MdfeConfig config(String... overrides) throws Exception {
        return ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), List.of(overrides));
    }

    @Test
    void newConfigsNormalizeAndTheUpstreamRecipesDoNot() throws Exception {
        assertTrue(config().model().neck().normalize(), "demo.yaml takes the default");
        for (String recipe : List.of("linear_probe_siglip_so400m_subcenter_arcface_k3.yaml",
                "zero_shot_clip_vitb16_pooling.yaml")) {
            assertFalse(ConfigLoader.load(Path.of("..", "configs", recipe), List.of()).model().neck().normalize(), recipe);
        }
    }

    @Test
    void bundlesServeUnitVectorsRankedAsCosineAndOldBundlesLoadRaw() throws Exception {
        MdfeConfig cfg = config();
        Path normalized = tmp.resolve("normalized");
        float[] trainingForward;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(cfg.seed());
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            assertTrue(network.normalize());
            NDArray x = manager.randomNormal(new Shape(N, 3, 64, 64));
            trainingForward = network.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow().toFloatArray();
            BundleManifest written = ModelBundle.write(normalized, network, new ModelIds("r", "v"), cfg.toYaml(),
                    BackboneStorage.COPY, Provenance.current());
            network.backbone().close();
            assertTrue(written.normalize());
            assertTrue(Files.readString(normalized.resolve(ModelBundle.MANIFEST)).contains("\"l2_normalize\" : true"));

            // a bundle from before the option: the same files without the key
            Path old = tmp.resolve("old");
            copy(normalized, old);
            String json = Files.readString(old.resolve(ModelBundle.MANIFEST));
            String withoutFlag = json.replaceAll(",\\s*\"l2_normalize\" : true", "");
            assertFalse(withoutFlag.contains("l2_normalize"), withoutFlag);
            Files.writeString(old.resolve(ModelBundle.MANIFEST), withoutFlag);

            float[] unit;
            float[] raw;
            try (ModelBundle bundle = ModelBundle.load(normalized, tmp, manager)) {
                assertTrue(bundle.manifest().normalize(), "the round trip keeps the flag");
                unit = bundle.embed(x).toFloatArray();
            }
            try (ModelBundle bundle = ModelBundle.load(old, tmp, manager)) {
                assertFalse(bundle.manifest().normalize(), "no flag = not normalised, as before");
                raw = bundle.embed(x).toFloatArray();
            }
            for (int i = 0; i < N; i++) {
                assertEquals(1.0, norm(unit, i), 1e-5, "row " + i);
                float n = (float) norm(raw, i);
                for (int d = 0; d < DIM; d++) {
                    assertEquals(raw[i * DIM + d] / n, unit[i * DIM + d], 1e-5f, "row " + i + " is raw / |raw|");
                }
            }
            assertFalse(IntStream.range(0, N).allMatch(i -> Math.abs(norm(raw, i) - 1) < 1e-3),
                    "the old bundle's embeddings are not unit length");
            assertFalse(IntStream.range(0, N).allMatch(i -> Math.abs(norm(trainingForward, i) - 1) < 1e-3),
                    "training forwards are never normalised (the heads see the raw embedding)");

            // euclidean ranking of the normalised embeddings == cosine ranking of the raw ones
            for (int q = 0; q < N; q++) {
                int query = q;
                Integer[] byEuclidean = others(q);
                Arrays.sort(byEuclidean, Comparator.comparingDouble(j -> euclidean(unit, query, j)));
                Integer[] byCosine = others(q);
                Arrays.sort(byCosine, Comparator.comparingDouble(j -> -cosine(raw, query, j)));
                assertArrayEquals(byCosine, byEuclidean, "query " + q);
            }
        }
    }

    private static Integer[] others(int q) {
        return IntStream.range(0, N).filter(j -> j != q).boxed().toArray(Integer[]::new);
    }

    private static double norm(float[] m, int i) {
        return Math.sqrt(dot(m, i, i));
    }

    private static double dot(float[] m, int a, int b) {
        double s = 0;
        for (int d = 0; d < DIM; d++) {
            s += (double) m[a * DIM + d] * m[b * DIM + d];
        }
        return s;
    }

    private static double cosine(float[] m, int a, int b) {
        return dot(m, a, b) / (norm(m, a) * norm(m, b));
    }

    private static double euclidean(float[] m, int a, int b) {
        return dot(m, a, a) + dot(m, b, b) - 2 * dot(m, a, b);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
