package io.mdfe.core.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each optimizer against PyTorch's (and the plain-torch SAM procedure) on the fixture problem:
 * weight and bias after every one of 5 steps, to 1e-6. Gradients come from DJL autograd on the
 * same problem, the optimizer is driven by DJL's Trainer: that also checks the global step
 * (the rate changes every step), the gradient zeroing and the SAM protocol.
 */
class OptimizerGoldenTest {

    private static final double TOL = 1e-6;

    @TestFactory
    List<DynamicTest> matchesTorchAfterEveryStep() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : TinyProblem.fixture().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        assertEquals(OptimizerRegistry.names().size(), tests.size(), "one case per registered optimizer");
        return tests;
    }

    private static void check(JsonNode c) {
        String name = c.get("name").asText();
        try (TinyProblem problem = new TinyProblem(TinyProblem.optimizerFor(c))) {
            JsonNode after = c.get("after");
            for (int step = 0; step < after.size(); step++) {
                problem.step();
                assertClose(TinyProblem.flat(after.get(step).get("weight")), problem.weight(), name + " weight", step);
                assertClose(TinyProblem.flat(after.get(step).get("bias")), problem.bias(), name + " bias", step);
            }
        }
    }

    private static void assertClose(float[] want, float[] got, String what, int step) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= TOL,
                    what + "[" + i + "] after step " + (step + 1) + ": torch " + want[i] + ", java " + got[i]);
        }
    }
}
