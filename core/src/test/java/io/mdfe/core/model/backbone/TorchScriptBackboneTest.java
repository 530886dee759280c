package io.mdfe.core.model.backbone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchScriptBackboneTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "proj_layer={0}")
    @ValueSource(booleans = {true, false})
    void matchesPythonOutputOnFixtureInput(boolean projLayer) {
        JsonNode io = TinyVitFixture.io();
        JsonNode expected = io.get("outputs").get(projLayer ? "proj" : "noproj");
        try (NDManager manager = NDManager.newBaseManager();
                Backbone backbone = BackboneRegistry.defaults()
                        .create(TinyVitFixture.spec(projLayer, false), manager)) {
            float[] actual = forward(backbone, manager, io);
            float[] want = TinyVitFixture.floats(expected.get("values"));
            assertEquals(want.length, actual.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], actual[i], 1e-5, "feature " + i);
            }
        }
    }

    @Test
    void infoComesFromTheSidecar() {
        try (NDManager manager = NDManager.newBaseManager();
                Backbone backbone = TorchScriptBackbone.create(TinyVitFixture.spec(true, false),
                        manager)) {
            BackboneInfo info = backbone.info();
            assertEquals(32, info.imageSize());
            assertEquals(TinyVitFixture.PROJ_DIM, info.outputDim());
            assertArrayEquals(new float[] {0.48145466f, 0.4578275f, 0.40821073f}, info.mean());
            assertArrayEquals(new float[] {0.26862954f, 0.26130258f, 0.27577711f}, info.std());
            assertEquals(64, info.sha256().length());
        }
    }

    @Test
    void outputDimMismatchNamesBothValuesAndTheFile() {
        BackboneSpec spec = new BackboneSpec("clip", TinyVitFixture.MODEL_NAME, "", true, 512,
                false, TinyVitFixture.modelDir());
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> TorchScriptBackbone.create(spec, manager));
            assertTrue(e.getMessage().contains("output_dim is 512"), e.getMessage());
            assertTrue(e.getMessage().contains("output_dim 16"), e.getMessage());
            assertTrue(e.getMessage().contains(TinyVitFixture.location(true).sidecar().toString()),
                    e.getMessage());
        }
    }

    @Test
    void missingModelListsEveryPathTried() {
        BackboneSpec spec = new BackboneSpec("siglip", "vit_so400m_patch14_siglip_384", "webli",
                false, 1152, false, tmp);
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> BackboneRegistry.defaults().create(spec, manager));
            for (TorchScriptLocation candidate : TorchScriptLocation.candidates(spec)) {
                assertTrue(e.getMessage().contains(candidate.modelFile().toString()),
                        e.getMessage());
            }
            assertTrue(e.getMessage().contains(
                    tmp.resolve("siglip/vit_so400m_patch14_siglip_384/webli/noproj/model.pt")
                            .toString()), e.getMessage());
        }
    }

    @Test
    void flatLayoutIsFound() throws IOException {
        TorchScriptLocation source = TinyVitFixture.location(false);
        Files.copy(source.modelFile(), tmp.resolve("tiny-vit-test.pt"));
        Files.copy(source.sidecar(), tmp.resolve("tiny-vit-test.json"));
        BackboneSpec spec = new BackboneSpec("clip", TinyVitFixture.MODEL_NAME, "", false,
                TinyVitFixture.WIDTH, false, tmp);
        assertEquals(tmp.resolve("tiny-vit-test.pt"), TorchScriptLocation.find(spec).modelFile());
        try (NDManager manager = NDManager.newBaseManager();
                Backbone backbone = TorchScriptBackbone.create(spec, manager)) {
            assertEquals(TinyVitFixture.WIDTH, backbone.info().outputDim());
        }
    }

    @Test
    void modelWithoutSidecarIsNamed() throws IOException {
        Files.copy(TinyVitFixture.location(false).modelFile(), tmp.resolve("tiny-vit-test.pt"));
        BackboneSpec spec = new BackboneSpec("clip", TinyVitFixture.MODEL_NAME, "", false,
                TinyVitFixture.WIDTH, false, tmp);
        BackboneException e = assertThrows(BackboneException.class,
                () -> TorchScriptLocation.find(spec));
        assertTrue(e.getMessage().contains(tmp.resolve("tiny-vit-test.json").toString()),
                e.getMessage());
    }

    @Test
    void projLayerMismatchIsAnError() throws IOException {
        // A proj export filed where the noproj variant belongs.
        TorchScriptLocation wrong = TorchScriptLocation.inDirectory(
                tmp.resolve("clip/tiny-vit-test/default/noproj"));
        Files.createDirectories(wrong.modelFile().getParent());
        Files.copy(TinyVitFixture.location(true).modelFile(), wrong.modelFile());
        Files.copy(TinyVitFixture.location(true).sidecar(), wrong.sidecar());
        BackboneSpec spec = new BackboneSpec("clip", TinyVitFixture.MODEL_NAME, "", false,
                TinyVitFixture.WIDTH, false, tmp);
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> TorchScriptBackbone.create(spec, manager));
            assertTrue(e.getMessage().contains("proj_layer is false"), e.getMessage());
        }
    }

    @Test
    void corruptModelFailsTheSha256Check() throws IOException {
        TorchScriptLocation source = TinyVitFixture.location(true);
        Path model = tmp.resolve("model.pt");
        byte[] bytes = Files.readAllBytes(source.modelFile());
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> TorchScriptBackbone.load(model, source.sidecar(), false, manager));
            assertTrue(e.getMessage().startsWith("sha256 of " + model), e.getMessage());
        }
    }

    @Test
    void sidecarOutputDimMustMatchTheModule() throws IOException {
        TorchScriptLocation source = TinyVitFixture.location(true);
        Path sidecar = tmp.resolve("backbone.json");
        BackboneInfo info = BackboneInfo.read(source.sidecar());
        new BackboneInfo(info.formatVersion(), info.type(), info.modelName(), info.weights(),
                info.imageSize(), info.mean(), info.std(), 99, info.projLayer(), info.sha256())
                .write(sidecar);
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> TorchScriptBackbone.load(source.modelFile(), sidecar, false, manager));
            assertTrue(e.getMessage().contains("(1, 16)"), e.getMessage());
            assertTrue(e.getMessage().contains("output_dim 99"), e.getMessage());
        }
    }

    /** Runs the fixture input through the backbone in inference mode. */
    static float[] forward(Backbone backbone, NDManager manager, JsonNode io) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray input = batch.create(TinyVitFixture.floats(io.get("input")),
                    new Shape(TinyVitFixture.longs(io.get("input_shape"))));
            NDList out = backbone.block().forward(new ParameterStore(batch, false),
                    new NDList(input), false);
            return out.singletonOrThrow().toFloatArray();
        }
    }
}
