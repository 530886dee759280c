package io.mdfe.core.data.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdfe.core.data.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The inference transform against torchvision on a committed image (gen_transform_golden.py). */
class InferenceTransformTest {

    @Test
    void matchesTorchvisionResizeToTensorNormalize() throws Exception {
        TransformGolden golden = TransformGolden.load("inference.json", "gen_transform_golden.py");
        RgbImage image = TransformGolden.fixture();
        for (JsonNode c : golden.root.get("cases")) {
            int size = c.get("size").asInt();
            float[] actual = new InferenceTransform(size, golden.mean, golden.std).apply(image);
            golden.assertClose(TransformGolden.floats(c.get("chw")), actual, size, "size " + size);
        }
    }
}
