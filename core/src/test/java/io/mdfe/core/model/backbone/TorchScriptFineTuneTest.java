package io.mdfe.core.model.backbone;

import static io.mdfe.core.FloatArrays.maxAbsDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning a TorchScript backbone through DJL: gradients reach every parameter (attention
 * included), an SGD step lowers the loss, and the tuned module saves and loads back.
 */
class TorchScriptFineTuneTest {

    @TempDir
    Path tmp;

    @Test
    void sgdStepTrainsEveryParameterAndSavedModuleRoundTrips() throws IOException {
        JsonNode io = TinyVitFixture.io();
        try (NDManager manager = NDManager.newBaseManager();
                TorchScriptBackbone backbone = TorchScriptBackbone.create(
                        TinyVitFixture.spec(true, true), manager);
                Model model = Model.newInstance("fine-tune")) {
            model.setBlock(backbone.block());
            NDArray input = manager.create(TinyVitFixture.floats(io.get("input")),
                    new Shape(TinyVitFixture.longs(io.get("input_shape"))));
            NDArray target = manager.randomNormal(new Shape(2, TinyVitFixture.PROJ_DIM));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(0.05f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(input.getShape());
                Map<String, float[]> before = snapshot(backbone);
                assertTrue(before.keySet().stream().anyMatch(n -> n.contains("attn")),
                        "fixture must expose attention parameters: " + before.keySet());

                float lossBefore;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(target),
                            trainer.forward(new NDList(input)));
                    lossBefore = loss.getFloat();
                    collector.backward(loss);
                }
                // Before the step: the optimizer update resets the gradients.
                for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                    NDArray grad = p.getValue().getArray().getGradient();
                    assertTrue(grad.abs().sum().getFloat() > 0,
                            "no gradient reached " + p.getKey());
                }
                trainer.step();
                Map<String, float[]> after = snapshot(backbone);
                for (String name : before.keySet()) {
                    assertFalse(Arrays.equals(before.get(name), after.get(name)),
                            "SGD did not change " + name);
                }
                float lossAfter = loss(trainer, input, target);
                assertTrue(lossAfter < lossBefore, lossAfter + " !< " + lossBefore);
            }

            float[] tuned = TorchScriptBackboneTest.forward(backbone, manager, io);
            float[] original = TinyVitFixture.floats(io.get("outputs").get("proj").get("values"));
            assertTrue(maxAbsDifference(tuned, original) > 1e-4, "fine-tuning left the output unchanged");

            TorchScriptLocation saved = TorchScriptLocation.inDirectory(tmp.resolve("bundle"));
            backbone.save(saved.modelFile(), saved.sidecar());
            BackboneInfo savedInfo = BackboneInfo.read(saved.sidecar());
            assertEquals(FileDigest.sha256(saved.modelFile()), savedInfo.sha256());
            assertEquals(backbone.info().withSha256(savedInfo.sha256()), savedInfo);
            try (TorchScriptBackbone reloaded = TorchScriptBackbone.load(saved.modelFile(),
                    saved.sidecar(), false, manager)) {
                float[] again = TorchScriptBackboneTest.forward(reloaded, manager, io);
                assertTrue(maxAbsDifference(tuned, again) < 1e-6, "saved module differs from tuned one");
            }
        }
    }

    @Test
    void frozenBackboneHasNoTrainableParameters() {
        try (NDManager manager = NDManager.newBaseManager();
                TorchScriptBackbone backbone = TorchScriptBackbone.create(
                        TinyVitFixture.spec(false, false), manager)) {
            assertFalse(backbone.block().getParameters().isEmpty());
            for (Pair<String, Parameter> p : backbone.block().getParameters()) {
                assertFalse(p.getValue().requiresGradient(), p.getKey() + " should be frozen");
            }
        }
    }

    private static float loss(Trainer trainer, NDArray input, NDArray target) {
        NDList pred = trainer.evaluate(new NDList(input));
        return trainer.getLoss().evaluate(new NDList(target), pred).getFloat();
    }

    private static Map<String, float[]> snapshot(TorchScriptBackbone backbone) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : backbone.block().getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }
}
