package io.mdfe.core.model.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackboneInfoTest {

    @TempDir
    Path tmp;

    private static BackboneInfo sample() {
        return new BackboneInfo(1, "siglip", "vit_so400m_patch14_siglip_384", "webli", 384,
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 1152, false, "");
    }

    @Test
    void jsonRoundTripUsesSnakeCaseKeys() throws IOException {
        Path file = tmp.resolve("backbone.json");
        sample().write(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"model_name\"") && json.contains("\"image_size\"")
                && json.contains("\"output_dim\"") && json.contains("\"proj_layer\""), json);
        assertEquals(sample(), BackboneInfo.read(file));
        try (var leftovers = Files.list(tmp)) {
            assertEquals(1, leftovers.count(), "atomic write must not leave temp files");
        }
    }

    @Test
    void readsThePythonWrittenFixtureSidecar() {
        BackboneInfo info = BackboneInfo.read(TinyVitFixture.location(true).sidecar());
        assertEquals("clip", info.type());
        assertEquals(TinyVitFixture.MODEL_NAME, info.modelName());
        assertTrue(info.projLayer());
    }

    @Test
    void missingKeyIsNamedWithTheFile() throws IOException {
        Path file = tmp.resolve("backbone.json");
        Files.writeString(file, Files.readString(TinyVitFixture.location(true).sidecar())
                .replace("\"image_size\": 32,", ""));
        BackboneException e = assertThrows(BackboneException.class, () -> BackboneInfo.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("image_size"), e.getMessage());
    }

    @Test
    void badMeanLengthIsNamed() throws IOException {
        Path file = tmp.resolve("backbone.json");
        Files.writeString(file, Files.readString(TinyVitFixture.location(true).sidecar())
                .replace("0.4578275,", ""));
        BackboneException e = assertThrows(BackboneException.class, () -> BackboneInfo.read(file));
        assertTrue(e.getMessage().contains("mean must have 3 values"), e.getMessage());
    }

    @Test
    void unknownKeyAndMissingFileAreErrors() throws IOException {
        Path file = tmp.resolve("backbone.json");
        Files.writeString(file, Files.readString(TinyVitFixture.location(true).sidecar())
                .replace("\"weights\"", "\"weight\""));
        BackboneException e = assertThrows(BackboneException.class, () -> BackboneInfo.read(file));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        Path missing = tmp.resolve("nope.json");
        e = assertThrows(BackboneException.class, () -> BackboneInfo.read(missing));
        assertEquals("Backbone sidecar not found: " + missing, e.getMessage());
    }

    @Test
    void validatesFields() {
        float[] rgb = {0.5f, 0.5f, 0.5f};
        var e = assertThrows(IllegalArgumentException.class, () -> new BackboneInfo(1, "clip",
                "m", "", 32, rgb, new float[] {0.5f, 0f, 0.5f}, 8, false, ""));
        assertTrue(e.getMessage().startsWith("std values must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BackboneInfo(2, "clip", "m",
                "", 32, rgb, rgb, 8, false, ""));
        assertEquals("format_version must be 1, got 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BackboneInfo(1, "clip", "m",
                "", 32, rgb, rgb, 8, false, "ABC"));
        assertTrue(e.getMessage().startsWith("sha256 must be 64 lower-case hex"), e.getMessage());
    }
}
