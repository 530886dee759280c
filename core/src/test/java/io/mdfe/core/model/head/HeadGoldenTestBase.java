package io.mdfe.core.model.head;

import static io.mdfe.core.model.head.HeadHarness.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests every head shares, for k = 1 and k = 3: logits, loss and gradients against the
 * independent torch reference; the label-less forward; state after one and two training
 * forwards; and a save/load round trip of weights and state into a fresh head.
 */
abstract class HeadGoldenTestBase {

    /** The fixture file prefix, e.g. {@code arcface}. */
    abstract String fixtureKey();

    /** The head class the registry must build for this fixture. */
    abstract Class<? extends MarginHead> headClass();

    GoldenFixture fixture(int k) {
        return GoldenFixture.load(fixtureKey(), k);
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 3})
    void matchesGoldenLogitsLossAndGradients(int k) {
        GoldenFixture f = fixture(k);
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = HeadHarness.newHead(f, manager);
            assertInstanceOf(headClass(), head);
            HeadHarness.Step step = HeadHarness.trainStep(head, f, manager);
            assertClose(f.logits(), step.logits(), f.resource() + " logits");
            assertClose(f.loss(), step.loss(), f.resource() + " loss");
            assertClose(f.gradW(), step.gradW(), f.resource() + " dLoss/dW");
            assertClose(f.gradX(), step.gradX(), f.resource() + " dLoss/dx");
        }
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 3})
    void inferenceForwardIsScaledCosineWithoutMargin(int k) {
        GoldenFixture f = fixture(k);
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = HeadHarness.newHead(f, manager);
            Map<String, Float> before = head.state();
            assertClose(
                    f.inferenceLogits(),
                    HeadHarness.inferenceLogits(head, f, manager),
                    f.resource() + " inference logits");
            assertEquals(before, head.state(), "inference must not change the state");
        }
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 3})
    void stateAfterOneAndTwoTrainingForwardsMatchesGolden(int k) {
        GoldenFixture f = fixture(k);
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead head = HeadHarness.newHead(f, manager);
            for (Map<String, Float> expected : f.stateAfter()) {
                HeadHarness.trainStep(head, f, manager);
                Map<String, Float> actual = head.state();
                assertEquals(expected.keySet(), actual.keySet(), f.resource() + " state keys");
                expected.forEach(
                        (key, value) -> assertClose(value, actual.get(key), f.resource() + " " + key));
            }
            if (f.stateAfter().isEmpty()) {
                assertTrue(head.state().isEmpty(), "a stateless head reports no state");
            }
        }
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 3})
    void weightsAndStateSurviveSaveAndLoad(int k) throws IOException, MalformedModelException {
        GoldenFixture f = fixture(k);
        try (NDManager manager = NDManager.newBaseManager()) {
            MarginHead trained = HeadHarness.newHead(f, manager);
            HeadHarness.trainStep(trained, f, manager);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            trained.saveParameters(new DataOutputStream(bytes));

            MarginHead fresh = HeadRegistry.create(f.spec());
            fresh.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

            assertEquals(trained.state(), fresh.state(), "state after load");
            assertEquals(
                    trained.getParameters().get("weight").getArray(),
                    fresh.getParameters().get("weight").getArray(),
                    "weight after load");
            assertClose(
                    HeadHarness.inferenceLogits(trained, f, manager),
                    HeadHarness.inferenceLogits(fresh, f, manager),
                    "inference logits after load");
        }
    }
}
