package io.mdfe.core.model.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * Runs heads on fixture inputs the way training does (forward with labels, DJL's plain
 * SoftmaxCrossEntropyLoss, backward) and compares float32 results with the float64 reference.
 *
 * <p>Tolerance: {@code |actual - expected| <= 1e-5 + 1e-5 * |expected|}. float32 carries ~6e-8
 * relative precision; a dozen chained ops and the scale s = 30 grow that to a few 1e-6 on logits
 * of magnitude 30, so a pure 1e-5 absolute bound would be flaky while pure relative would be
 * meaningless near zero.
 */
final class HeadHarness {

    static final double ATOL = 1e-5;
    static final double RTOL = 1e-5;

    private HeadHarness() {}

    /** Float32 results of one training step. */
    record Step(float[][] logits, float loss, float[][] gradW, float[][] gradX) {}

    /** A head from the fixture's spec, initialised with the fixture's W. */
    static MarginHead newHead(GoldenFixture f, NDManager manager) {
        return newHead(f.spec(), f.w(), manager);
    }

    /** A head from {@code spec}, initialised with the given W. */
    static MarginHead newHead(HeadSpec spec, float[][] w, NDManager manager) {
        MarginHead head = HeadRegistry.create(spec);
        head.setInitializer((m, shape, type) -> m.create(w), Parameter.Type.WEIGHT);
        // The batch size of the initialisation shape does not matter to a head.
        head.initialize(manager, DataType.FLOAT32, new Shape(1, spec.embeddingDim()));
        return head;
    }

    /** Forward with labels + mean cross-entropy + backward; arrays live in a per-step scope. */
    static Step trainStep(MarginHead head, GoldenFixture f, NDManager manager) {
        try (NDManager step = manager.newSubManager();
                GradientCollector gc = manager.getEngine().newGradientCollector()) {
            NDArray x = step.create(f.x());
            x.setRequiresGradient(true);
            NDArray y = step.create(f.labels());
            NDList logits =
                    head.forward(new ParameterStore(step, false), new NDList(x), new NDList(y), null);
            NDArray loss = new SoftmaxCrossEntropyLoss().evaluate(new NDList(y), logits);
            collectGarbage();
            gc.backward(loss);
            NDArray w = head.getParameters().get("weight").getArray();
            return new Step(
                    matrix(logits.singletonOrThrow()),
                    loss.getFloat(),
                    matrix(w.getGradient()),
                    matrix(x.getGradient()));
        }
    }

    /**
     * A collection between forward and backward, as training gets at any step: it frees what the
     * forward no longer references from Java, so a graph that kept a pointer into freed memory
     * (DJL's Number-operand ops; see AutogradScalars) gives wrong gradients here every time.
     */
    static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(20); // the Cleaner thread frees direct buffers after the collection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Label-less (inference) forward. */
    static float[][] inferenceLogits(MarginHead head, GoldenFixture f, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            NDList out =
                    head.forward(new ParameterStore(step, false), new NDList(step.create(f.x())), false);
            return matrix(out.singletonOrThrow());
        }
    }

    static float[][] matrix(NDArray a) {
        int rows = (int) a.getShape().get(0);
        int cols = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(
                Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    static void assertClose(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + " columns of row " + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertClose(expected[i][j], actual[i][j], what + "[" + i + "][" + j + "]");
            }
        }
    }
}
