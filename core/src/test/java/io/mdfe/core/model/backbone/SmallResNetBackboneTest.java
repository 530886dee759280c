package io.mdfe.core.model.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallResNetBackboneTest {

    private static BackboneSpec spec(int imageSize, boolean trainable) {
        return new BackboneSpec("small-resnet", "", "", false, 24, trainable, null, imageSize);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {32, 64, 96})
    void mapsImagesToOutputDimFeatures(int size) {
        try (NDManager manager = NDManager.newBaseManager();
                Backbone backbone = BackboneRegistry.defaults().create(spec(size, true), manager);
                NDManager batch = manager.newSubManager()) {
            NDArray images = batch.randomUniform(-1, 1, new Shape(3, 3, size, size));
            NDArray out = backbone.block().forward(new ParameterStore(batch, false),
                    new NDList(images), false).singletonOrThrow();
            assertEquals(new Shape(3, 24), out.getShape());
            assertEquals("small-resnet", backbone.info().modelName());
            assertEquals(size, backbone.info().imageSize());
        }
    }

    @Test
    void refusesImagesTooSmallForItsFourDownSamplings() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BackboneException e = assertThrows(BackboneException.class,
                    () -> SmallResNetBackbone.create(spec(16, true), manager));
            assertEquals("small-resnet needs images of at least 32 px, got image size 16", e.getMessage());
        }
    }

    @Test
    void trainsFromScratchThroughItsSkipConnections() {
        try (NDManager manager = NDManager.newBaseManager();
                Backbone backbone = SmallResNetBackbone.create(spec(32, true), manager);
                Model model = Model.newInstance("small-resnet")) {
            model.setBlock(backbone.block());
            NDArray images = manager.randomUniform(-1, 1, new Shape(4, 3, 32, 32));
            NDArray target = manager.randomNormal(new Shape(4, 24));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(images.getShape());
                float first = 0;
                float last = 0;
                for (int step = 0; step < 5; step++) {
                    try (GradientCollector collector = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(new NDList(target),
                                trainer.forward(new NDList(images)));
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                        collector.backward(loss);
                    }
                    trainer.step();
                }
                assertTrue(last < first, "loss did not fall: " + first + " -> " + last);
            }
        }
    }
}
