package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One golden fixture written by {@code tools/golden/gen_head_golden.py}: inputs, parameters and
 * the float64 torch reference (float32-rounded) for one training forward of a fresh head.
 */
record GoldenFixture(
        String resource,
        HeadSpec spec,
        float[][] x,
        float[][] w,
        long[] labels,
        int branchRow,
        float[][] inferenceLogits,
        float[][] logits,
        float loss,
        float[][] gradW,
        float[][] gradX,
        List<Map<String, Float>> stateAfter) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Loads {@code golden/heads/<key>_k<k>.json}; a missing fixture fails the test. */
    static GoldenFixture load(String key, int k) {
        String resource = "/golden/heads/" + key + "_k" + k + ".json";
        try (InputStream in = GoldenFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                fail("missing golden fixture " + resource + " (core/src/test/resources); regenerate"
                        + " it with /usr/bin/python3 tools/golden/gen_head_golden.py");
            }
            JsonNode root = JSON.readTree(in);
            return new GoldenFixture(
                    resource,
                    spec(root.get("params"), root.get("class_counts")),
                    matrix(root.get("x")),
                    matrix(root.get("W")),
                    longs(root.get("labels")),
                    root.get("branch_row").asInt(),
                    matrix(root.get("inference_logits")),
                    matrix(root.get("logits")),
                    (float) root.get("loss").asDouble(),
                    matrix(root.get("grad_W")),
                    matrix(root.get("grad_x")),
                    states(root.get("state_after")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden fixture " + resource, e);
        }
    }

    int batchSize() {
        return x.length;
    }

    private static HeadSpec spec(JsonNode p, JsonNode counts) {
        return HeadSpec.builder()
                .setName(p.get("name").asText())
                .setNumClasses(p.get("num_classes").asInt())
                .setEmbeddingDim(p.get("embedding_dim").asInt())
                .optK(p.get("k").asInt())
                .optScale((float) p.get("s").asDouble())
                .optDynamicScale(p.get("dynamic_s").asBoolean())
                .optMarginRad((float) p.get("m").asDouble())
                .optMarginMaxRad((float) p.get("m_max").asDouble())
                .optMarginMinRad((float) p.get("m_min").asDouble())
                .optH((float) p.get("h").asDouble())
                .optTAlpha((float) p.get("t_alpha").asDouble())
                .optClassCounts(counts.isNull() ? null : longs(counts))
                .build();
    }

    private static float[][] matrix(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            out[i] = new float[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = (float) row.get(j).asDouble();
            }
        }
        return out;
    }

    private static long[] longs(JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }

    private static List<Map<String, Float>> states(JsonNode list) {
        List<Map<String, Float>> out = new ArrayList<>();
        for (JsonNode state : list) {
            Map<String, Float> values = new LinkedHashMap<>();
            state.fields().forEachRemaining(e -> values.put(e.getKey(), (float) e.getValue().asDouble()));
            out.add(values);
        }
        return out;
    }
}
