package io.mdfe.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.RgbImage;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The inference transform against torchvision on a committed image (gen_transform_golden.py). */
class InferenceTransformTest {

    @Test
    void matchesTorchvisionResizeToTensorNormalize() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/transforms/inference.json")) {
            assertTrue(in != null, "missing golden/transforms/inference.json: run tools/golden/gen_transform_golden.py");
            golden = new ObjectMapper().readTree(in);
        }
        RgbImage image = ImageDecoder.decode(Path.of(getClass().getResource("/golden/transforms/fixture.png").toURI()));
        float[] mean = new ObjectMapper().convertValue(golden.get("mean"), float[].class);
        float[] std = new ObjectMapper().convertValue(golden.get("std"), float[].class);
        for (JsonNode c : golden.get("cases")) {
            int size = c.get("size").asInt();
            float[] expected = new ObjectMapper().convertValue(c.get("chw"), float[].class);
            float[] actual = new InferenceTransform(size, mean, std).apply(image);
            assertEquals(expected.length, actual.length);
            double absSum = 0;
            double maxPixelErr = 0;
            for (int i = 0; i < expected.length; i++) {
                // back to the [0, 1] pixel scale, where the 1/255 bound is stated
                double err = Math.abs(expected[i] - actual[i]) * std[i / (size * size)];
                absSum += err;
                maxPixelErr = Math.max(maxPixelErr, err);
            }
            double mae = absSum / expected.length;
            assertTrue(mae <= 1.0 / 255, "size " + size + ": mean abs error " + mae * 255 + "/255");
            // PIL's fixed-point weights may round a pixel to the neighbouring level, never further
            assertTrue(maxPixelErr <= 1.01 / 255, "size " + size + ": max error " + maxPixelErr * 255 + "/255");
        }
    }
}
