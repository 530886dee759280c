package io.mdfe.core.model.backbone;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tiny ViT written by {@code tools/make_test_backbone.py}: the model dir in test resources,
 * the fixture input and Python's outputs. A missing fixture fails the test, it never skips.
 */
final class TinyVitFixture {

    static final String MODEL_NAME = "tiny-vit-test";
    static final int PROJ_DIM = 16;
    static final int WIDTH = 32;
    private static final String REGENERATE = "; regenerate with: /usr/bin/python3 tools/make_test_backbone.py";

    private TinyVitFixture() {}

    /** @return the model dir holding clip/tiny-vit-test/default/{proj,noproj} */
    static Path modelDir() {
        URL url = TinyVitFixture.class.getResource("/backbones");
        if (url == null) {
            fail("test resource directory backbones/ is missing" + REGENERATE);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static BackboneSpec spec(boolean projLayer, boolean trainable) {
        return new BackboneSpec("clip", MODEL_NAME, "", projLayer, projLayer ? PROJ_DIM : WIDTH,
                trainable, modelDir());
    }

    static TorchScriptLocation location(boolean projLayer) {
        return TorchScriptLocation.inDirectory(modelDir().resolve("clip").resolve(MODEL_NAME)
                .resolve("default").resolve(projLayer ? "proj" : "noproj"));
    }

    /** @return the fixture JSON: input_shape, input, outputs.{proj,noproj}.{shape,values} */
    static JsonNode io() {
        Path file = modelDir().resolve(MODEL_NAME + "-io.json");
        if (!Files.isRegularFile(file)) {
            fail("fixture " + file + " is missing" + REGENERATE);
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read fixture " + file, e);
        }
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
