package io.mdfe.core.model.neck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The pooling neck against PyTorch's adaptive_avg_pool1d (tools/golden/gen_neck_golden.py). */
class PoolingNeckTest {

    @Test
    void matchesTorchAdaptiveAvgPool() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/necks/pooling.json")) {
            assertTrue(in != null, "missing golden/necks/pooling.json: run tools/golden/gen_neck_golden.py");
            golden = new ObjectMapper().readTree(in);
        }
        for (JsonNode c : golden.get("cases")) {
            int inputDim = c.get("input_dim").asInt();
            int bins = c.get("bins").asInt();
            float[][] x = new ObjectMapper().convertValue(c.get("x"), float[][].class);
            float[][] y = new ObjectMapper().convertValue(c.get("y"), float[][].class);
            try (NDManager manager = NDManager.newBaseManager()) {
                Block neck = NeckRegistry.create(new NeckSpec("pooling", inputDim, bins, 0f));
                neck.initialize(manager, DataType.FLOAT32, new Shape(x.length, inputDim));
                NDArray out = neck.forward(new ParameterStore(manager, false),
                        new NDList(manager.create(x)), false).singletonOrThrow();
                assertEquals(new Shape(x.length, bins), out.getShape());
                float[] actual = out.toFloatArray();
                for (int row = 0; row < y.length; row++) {
                    float[] expected = y[row];
                    float[] got = java.util.Arrays.copyOfRange(actual, row * bins, (row + 1) * bins);
                    assertArrayEquals(expected, got, 1e-5f, inputDim + "->" + bins + " row " + row);
                }
            }
        }
    }

    @Test
    void rejectsMoreBinsThanFeatures() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeckRegistry.create(new NeckSpec("pooling", 8, 16, 0f)));
        assertTrue(e.getMessage().contains("MODEL.embedding_dim"), e.getMessage());
    }

    @Test
    void unknownNeckListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeckRegistry.create(new NeckSpec("mlp", 8, 4, 0f)));
        assertTrue(e.getMessage().contains("MODEL.NECK.neck_type") && e.getMessage().contains("pooling, proj_layer"),
                e.getMessage());
    }
}
