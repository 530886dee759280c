package io.mdfe.core.model.head;

import static io.mdfe.core.model.head.HeadHarness.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden tests of {@link ArcFaceHead}, plus a per-row recomputation in plain Java doubles. */
class ArcFaceHeadTest extends HeadGoldenTestBase {

    @Override
    String fixtureKey() {
        return "arcface";
    }

    @Override
    Class<? extends MarginHead> headClass() {
        return ArcFaceHead.class;
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 3})
    void everyRowMatchesAnIndependentRecomputation(int k) {
        GoldenFixture f = fixture(k);
        HeadSpec spec = f.spec();
        double m = spec.marginRad();
        double th = Math.cos(Math.PI - m);
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] logits = HeadHarness.trainStep(HeadHarness.newHead(f, manager), f, manager).logits();
            for (int i = 0; i < f.batchSize(); i++) {
                int target = (int) f.labels()[i];
                for (int c = 0; c < spec.numClasses(); c++) {
                    double cos = cosine(f.x()[i], f.w(), c, k);
                    double expected = cos;
                    if (c == target) {
                        expected = cos > th ? Math.cos(Math.acos(cos) + m) : cos - Math.sin(Math.PI - m) * m;
                        if (i == f.branchRow()) {
                            assertTrue(cos <= th, "fixture row " + i + " must exercise cos <= th");
                        }
                    }
                    assertClose(spec.scale() * expected, logits[i][c], "row " + i + " class " + c);
                }
            }
        }
    }

    /** Max over the k sub-centres of class c of cos(x, w), clamped to [-1, 1]. */
    private static double cosine(float[] x, float[][] w, int c, int k) {
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            float[] centre = w[c * k + j];
            double dot = 0;
            double xx = 0;
            double ww = 0;
            for (int d = 0; d < x.length; d++) {
                dot += (double) x[d] * centre[d];
                xx += (double) x[d] * x[d];
                ww += (double) centre[d] * centre[d];
            }
            best = Math.max(best, dot / Math.sqrt(xx * ww));
        }
        return Math.max(-1, Math.min(1, best));
    }
}
