package io.mdfe.core.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's perturbation formula, and the two-pass protocol enforced: misuse fails loudly. */
class SamOptimizerTest {

    @Test
    void perturbAddsRhoTimesTheGlobalUnitGradientAndZeroesIt() {
        SamOptimizer sam = new SamOptimizer(new AdamOptimizer(TinyProblem.fixtureSchedule(), 0));
        try (TinyProblem p = new TinyProblem(sam)) {
            List<Parameter> params = p.trainable();
            p.backward();
            List<float[]> before = new ArrayList<>();
            List<float[]> grads = new ArrayList<>();
            double sumSq = 0;
            for (Parameter q : params) {
                before.add(q.getArray().toFloatArray());
                try (NDArray g = q.getArray().getGradient()) {
                    float[] gv = g.toFloatArray();
                    grads.add(gv);
                    for (float v : gv) {
                        sumSq += (double) v * v;
                    }
                }
            }
            double scale = SamOptimizer.RHO / Math.sqrt(sumSq);
            sam.perturb(params);
            for (int i = 0; i < params.size(); i++) {
                float[] w = params.get(i).getArray().toFloatArray();
                for (int j = 0; j < w.length; j++) {
                    assertEquals(before.get(i)[j] + scale * grads.get(i)[j], w[j], 1e-7, "w + e_w");
                }
                try (NDArray g = params.get(i).getArray().getGradient()) {
                    assertEquals(0f, g.abs().sum().getFloat(), "pass-1 gradient zeroed");
                }
            }
            sam.restore(params);
            for (int i = 0; i < params.size(); i++) {
                float[] w = params.get(i).getArray().toFloatArray();
                for (int j = 0; j < w.length; j++) {
                    assertEquals(before.get(i)[j], w[j], 1e-7, "restored");
                }
            }
        }
    }

    @Test
    void protocolMisuseIsRejected() {
        SamOptimizer sam = new SamOptimizer(new AdamWOptimizer(TinyProblem.fixtureSchedule(), 0.01));
        try (TinyProblem p = new TinyProblem(sam)) {
            List<Parameter> params = p.trainable();
            assertThrows(IllegalStateException.class, () -> sam.restore(params), "restore without perturb");
            p.backward();
            sam.perturb(params);
            assertThrows(IllegalStateException.class, () -> sam.perturb(params), "perturb twice");
            NDArray w = params.get(0).getArray();
            assertThrows(IllegalStateException.class, () -> sam.update(params.get(0).getId(), w, w),
                    "update while perturbed");
            assertThrows(IllegalStateException.class,
                    () -> sam.saveState(new DataOutputStream(new ByteArrayOutputStream())), "save while perturbed");
            assertThrows(IllegalStateException.class, () -> sam.restore(params.subList(0, 1)),
                    "restore must get every perturbed parameter");
        }
    }
}
