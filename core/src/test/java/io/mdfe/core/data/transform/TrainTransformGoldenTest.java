package io.mdfe.core.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdfe.core.data.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The training transforms' ops against torchvision on the committed fixture, random parameters
 * pinned (gen_train_transform_golden.py).
 */
class TrainTransformGoldenTest {

    @Test
    void openaiClipMatchesTorchvisionResizeCentreCrop() throws Exception {
        TransformGolden golden = TransformGolden.load("train.json", "gen_train_transform_golden.py");
        RgbImage fixture = TransformGolden.fixture();
        int checked = 0;
        for (JsonNode c : golden.root.get("cases")) {
            if (!c.get("op").asText().equals("openai-clip")) {
                continue;
            }
            int size = c.get("size").asInt();
            boolean rotate = c.get("rotate90").asBoolean();
            RgbImage image = rotate ? rotate90(fixture) : fixture;
            ImageTransform transform = TransformRegistry.create("openai-clip", size, golden.normalization());
            float[] actual = transform.apply(image, new Random(checked));
            golden.assertClose(TransformGolden.floats(c.get("chw")), actual, size,
                    "openai-clip size " + size + (rotate ? " portrait" : ""));
            checked++;
        }
        assertEquals(6, checked, "openai-clip cases in train.json");
    }

    @Test
    void pinnedCropFlipAndJitterMatchTorchvision() throws Exception {
        TransformGolden golden = TransformGolden.load("train.json", "gen_train_transform_golden.py");
        RgbImage fixture = TransformGolden.fixture();
        int checked = 0;
        for (JsonNode c : golden.root.get("cases")) {
            if (!c.get("op").asText().equals("resized_crop")) {
                continue;
            }
            int[] b = new int[4];
            for (int i = 0; i < 4; i++) {
                b[i] = c.get("box").get(i).asInt();
            }
            CropBox box = new CropBox(b[0], b[1], b[2], b[3]);
            int size = c.get("size").asInt();
            float[] chw = BicubicResampler.resizeCrop(fixture, box, size, size);
            String label = "crop " + box + " -> " + size;
            if (c.get("flip").asBoolean()) {
                RandomHorizontalFlip.flip(chw, size);
                label += " flipped";
            }
            if (c.has("jitter")) {
                JitterParams params = jitter(c.get("jitter"));
                ColorJitter.apply(chw, params);
                label += " " + params;
            }
            golden.assertClose(TransformGolden.floats(c.get("chw")), golden.normalization().apply(chw), size, label);
            checked++;
        }
        assertEquals(7, checked, "resized_crop cases in train.json");
    }

    private static JitterParams jitter(JsonNode j) {
        List<JitterOp> order = new ArrayList<>();
        j.get("order").forEach(op -> order.add(JitterOp.valueOf(op.asText())));
        return new JitterParams(order, (float) j.get("brightness").asDouble(), (float) j.get("contrast").asDouble(),
                (float) j.get("saturation").asDouble());
    }

    /** PIL's {@code transpose(ROTATE_90)}: counter-clockwise, so the top-right corner becomes top-left. */
    private static RgbImage rotate90(RgbImage in) {
        int w = in.width();
        int h = in.height();
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < h; x++) {
                int src = ((x) * w + (w - 1 - y)) * 3;
                System.arraycopy(in.rgb(), src, out, (y * h + x) * 3, 3);
            }
        }
        return new RgbImage(h, w, out);
    }
}
