package io.mdfe.core.model.neck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** proj_layer = dropout then linear with bias; dropout only in training. */
class ProjLayerNeckTest {

    @Test
    void inferenceIsAffineMapAndDropoutOnlyTrains() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block neck = NeckRegistry.create(new NeckSpec("proj_layer", 6, 3, 0.5f));
            neck.initialize(manager, DataType.FLOAT32, new Shape(4, 6));
            NDArray x = manager.randomNormal(new Shape(4, 6));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray w = neck.getParameters().get("02linear_weight").getArray();
            NDArray b = neck.getParameters().get("02linear_bias").getArray();
            NDArray expected = x.matMul(w.transpose()).add(b);

            NDArray eval = neck.forward(store, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(4, 3), eval.getShape());
            assertArrayEquals(expected.toFloatArray(), eval.toFloatArray(), 1e-5f);

            NDArray train = neck.forward(store, new NDList(x), true).singletonOrThrow();
            assertFalse(train.allClose(eval), "dropout 0.5 must change the training output");
        }
    }

    @Test
    void gradientsReachTheLinearLayer() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block neck = NeckRegistry.create(new NeckSpec("proj_layer", 5, 2, 0f));
            neck.initialize(manager, DataType.FLOAT32, new Shape(3, 5));
            NDArray x = manager.randomNormal(new Shape(3, 5));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = neck.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                gc.backward(y.sum());
            }
            NDArray grad = neck.getParameters().get("02linear_bias").getArray().getGradient();
            // d(sum y)/d(bias) = batch size for every unit
            assertArrayEquals(new float[] {3f, 3f}, grad.toFloatArray(), 1e-6f);
            assertTrue(neck.getParameters().get("02linear_weight").getArray().getGradient().abs().sum()
                    .getFloat() > 0f);
        }
    }
}
