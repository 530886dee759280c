package io.mdfe.core.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The schedule against PyTorch's CosineAnnealingLR stepped as upstream does, plus the warmup
 * factor ({@code tools/golden/gen_schedule_golden.py}): plan numbers exactly, lr per step to 1e-9
 * relative.
 */
class UpstreamScheduleGoldenTest {

    private static final String RESOURCE = "/golden/train/schedule.json";
    private static final double REL_TOL = 1e-9;

    @TestFactory
    List<DynamicTest> matchesTorchStepByStep() throws IOException {
        JsonNode cases = fixture().get("cases");
        assertTrue(cases.size() >= 4, "fixture holds " + cases.size() + " cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c)));
        }
        return tests;
    }

    private static void check(JsonNode c) {
        List<String> overrides = new ArrayList<>();
        c.get("overrides").forEach(o -> overrides.add(o.asText()));
        MdfeConfig cfg = ConfigLoader.fromYamlString("", c.get("name").asText(), overrides);
        TrainingPlan plan = TrainingPlan.of(cfg, c.get("num_samples").asLong());
        JsonNode expected = c.get("plan");
        assertEquals(expected.get("batches_per_epoch").asLong(), plan.batchesPerEpoch(), "batches per epoch");
        assertEquals(expected.get("total_iterations").asLong(), plan.totalIterations(), "total iterations");
        assertEquals(expected.get("epochs").asInt(), plan.epochs(), "epochs");
        assertEquals(expected.get("warmup_steps").asLong(), plan.warmupSteps(), "warmup steps");

        LrSchedule schedule = UpstreamSchedule.of(cfg, plan);
        JsonNode lr = c.get("lr");
        assertEquals(plan.totalIterations(), lr.size(), "one lr per step");
        for (int t = 0; t < lr.size(); t++) {
            double want = lr.get(t).asDouble();
            double got = schedule.lr(t);
            assertTrue(Math.abs(got - want) <= REL_TOL * Math.abs(want),
                    c.get("name").asText() + " step " + t + ": expected " + want + " got " + got);
        }
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = UpstreamScheduleGoldenTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                fail("missing golden fixture " + RESOURCE + "; regenerate it with"
                        + " /usr/bin/python3 tools/golden/gen_schedule_golden.py");
            }
            return new ObjectMapper().readTree(in);
        }
    }
}
