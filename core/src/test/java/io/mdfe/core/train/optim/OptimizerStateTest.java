package io.mdfe.core.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Exact resume: 3 steps, save, load into a fresh optimizer on a fresh model (new DJL parameter
 * ids, so the names carry the state), 2 more steps: bit-identical to 5 uninterrupted steps.
 */
class OptimizerStateTest {

    @TestFactory
    List<DynamicTest> resumeIsBitExact() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : TinyProblem.fixture().get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> checkResume(c)));
        }
        return tests;
    }

    private static void checkResume(JsonNode c) throws IOException {
        float[] straightWeight;
        float[] straightBias;
        try (TinyProblem straight = new TinyProblem(TinyProblem.optimizerFor(c))) {
            for (int i = 0; i < 5; i++) {
                straight.step();
            }
            straightWeight = straight.weight();
            straightBias = straight.bias();
        }
        byte[] state;
        float[] weight;
        float[] bias;
        try (TinyProblem first = new TinyProblem(TinyProblem.optimizerFor(c))) {
            TrainingOptimizer optimizer = first.optimizer();
            for (int i = 0; i < 3; i++) {
                first.step();
            }
            assertEquals(3, optimizer.completedSteps());
            state = save(optimizer);
            weight = first.weight();
            bias = first.bias();
        }
        TrainingOptimizer resumedOptimizer = TinyProblem.optimizerFor(c);
        try (TinyProblem resumed = new TinyProblem(resumedOptimizer)) {
            resumed.setWeights(weight, bias);
            resumedOptimizer.loadState(new DataInputStream(new ByteArrayInputStream(state)), resumed.manager());
            assertEquals(3, resumedOptimizer.completedSteps());
            resumed.step();
            resumed.step();
            assertEquals(5, resumedOptimizer.completedSteps());
            assertArrayEquals(straightWeight, resumed.weight(), c.get("name").asText() + " weight");
            assertArrayEquals(straightBias, resumed.bias(), c.get("name").asText() + " bias");
        }
    }

    @Test
    void stateOfAnotherOptimizerIsRefused() throws IOException {
        byte[] adamState;
        try (TinyProblem p = new TinyProblem(new AdamOptimizer(TinyProblem.fixtureSchedule(), 0))) {
            p.step();
            adamState = save(p.optimizer());
        }
        SgdOptimizer sgd = new SgdOptimizer(TinyProblem.fixtureSchedule(), 0, 0.9);
        try (TinyProblem p = new TinyProblem(sgd)) {
            IOException e = assertThrows(IOException.class,
                    () -> sgd.loadState(new DataInputStream(new ByteArrayInputStream(adamState)), p.manager()));
            assertTrue(e.getMessage().contains("written by Adam"), e.getMessage());
        }
    }

    @Test
    void unnamedParametersCannotPickUpLoadedState() throws IOException {
        byte[] state;
        try (TinyProblem p = new TinyProblem(new AdamOptimizer(TinyProblem.fixtureSchedule(), 0))) {
            p.step();
            state = save(p.optimizer());
        }
        AdamOptimizer adam = new AdamOptimizer(TinyProblem.fixtureSchedule(), 0);
        try (TinyProblem p = new TinyProblem(adam)) {
            adam.nameParameters(new PairList<>());  // forget the names: keys are random ids again
            adam.loadState(new DataInputStream(new ByteArrayInputStream(state)), p.manager());
            IllegalStateException e = assertThrows(IllegalStateException.class, p::step);
            assertTrue(e.getMessage().contains("no entry for parameter"), e.getMessage());
        }
    }

    private static byte[] save(TrainingOptimizer optimizer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            optimizer.saveState(out);
        }
        return bytes.toByteArray();
    }
}
