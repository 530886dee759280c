package io.mdfe.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.RgbImage;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;

/** Golden tensors written by tools/golden/gen_*transform_golden.py, and the 1/255 comparison. */
final class TransformGolden {

    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode root;
    final float[] mean;
    final float[] std;

    private TransformGolden(JsonNode root) {
        this.root = root;
        this.mean = floats(root.get("mean"));
        this.std = floats(root.get("std"));
    }

    /** Loads {@code golden/transforms/<name>}; a missing file fails naming its generator. */
    static TransformGolden load(String name, String generator) throws Exception {
        try (InputStream in = TransformGolden.class.getResourceAsStream("/golden/transforms/" + name)) {
            assertNotNull(in, "missing golden/transforms/" + name + ": run /usr/bin/python3 tools/golden/" + generator);
            return new TransformGolden(JSON.readTree(in));
        }
    }

    /** The committed fixture image the golden tensors were made from. */
    static RgbImage fixture() throws Exception {
        URL url = TransformGolden.class.getResource("/golden/transforms/fixture.png");
        assertNotNull(url, "missing golden/transforms/fixture.png: run tools/golden/gen_transform_golden.py");
        return ImageDecoder.decode(Path.of(url.toURI()));
    }

    Normalization normalization() {
        return new Normalization(mean, std);
    }

    static float[] floats(JsonNode node) {
        return JSON.convertValue(node, float[].class);
    }

    /**
     * Asserts mean abs error <= 1/255 on the [0, 1] pixel scale (where the bound is stated) and
     * every pixel within 0.01 level (bit-exact up to float rounding); returns the mean abs error in levels.
     */
    double assertClose(float[] expected, float[] actual, int size, String label) {
        assertEquals(expected.length, actual.length, label + ": tensor length");
        double absSum = 0;
        double maxErr = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]) * std[i / (size * size)];
            absSum += err;
            maxErr = Math.max(maxErr, err);
        }
        double mae = absSum / expected.length;
        assertTrue(mae <= 1.0 / 255, label + ": mean abs error " + mae * 255 + "/255");
        // the resampler and blends reproduce PIL's integer arithmetic, so only float noise remains
        assertTrue(maxErr <= 0.01 / 255, label + ": max error " + maxErr * 255 + "/255");
        return mae * 255;
    }
}
