package io.mdfe.core.train;

import static io.mdfe.core.FloatArrays.maxAbsDifference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.util.Pair;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.TrainingNetwork;
import io.mdfe.core.model.backbone.BackboneSpec;
import io.mdfe.core.model.backbone.TorchScriptBackbone;
import io.mdfe.core.model.head.HeadRegistry;
import io.mdfe.core.model.neck.NeckRegistry;
import io.mdfe.core.model.neck.NeckSpec;
import io.mdfe.core.train.optim.OptimizerRegistry;
import io.mdfe.core.train.optim.SamOptimizer;
import io.mdfe.core.train.optim.TrainingOptimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data parallelism on two CPU replicas against one replica on the whole batch: the demo CNN (frozen, so its
 * batch norm runs on running statistics) with the projection neck and ArcFace, trained by the real MDFE
 * optimizers through DJL's trainer, as the training loop does.
 */
class DataParallelTest {

    private static final int CLASSES = 5;
    private static final int ROWS = 7; // uneven shards (4 + 3): a plain sum of shard means would be wrong
    private static final int SIDE = 32;
    private static final double RELATIVE = 1e-5;

    @BeforeAll
    static void noGradientOutsideTheCollector() {
        Engine.getInstance();
        JniUtils.setGradMode(false); // as the training loop does on its thread
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(Arguments.of("SGD"), Arguments.of("AdamW"), Arguments.of("SAM_AdamW"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void twoReplicasGiveTheUpdateOfOneReplicaOnTheWholeBatch(String optimizer) {
        MdfeConfig cfg = config("ArcFace", true, "OPTIMIZER.name=" + optimizer, "OPTIMIZER.momentum=0.9",
                "OPTIMIZER.lr=0.05");
        try (Replica one = new Replica(cfg, List.of(Device.cpu()));
             Replica two = new Replica(cfg, List.of(Device.cpu(), Device.cpu()))) {
            two.copyWeightsOf(one);
            Map<String, float[]> initial = one.parameters();
            Random random = new Random(3);
            for (int step = 0; step < 3; step++) { // AdamW's moments carry the earlier steps into later ones
                float[] images = images(random, ROWS);
                int[] labels = labels(random, ROWS);
                double lossOne = one.step(images, labels);
                double lossTwo = two.step(images, labels);
                assertEquals(lossOne, lossTwo, RELATIVE * Math.abs(lossOne), "loss at step " + step);
            }
            Map<String, float[]> after = one.parameters();
            Map<String, float[]> replicated = two.parameters();
            int moved = 0;
            for (String name : after.keySet()) {
                assertClose(after.get(name), replicated.get(name), name);
                if (maxAbsDifference(initial.get(name), after.get(name)) > 1e3 * RELATIVE * maxAbs(after.get(name))) {
                    moved++;
                }
            }
            // the neck's weight and bias and the head's centres train; the frozen backbone does not
            assertEquals(3, moved, "parameters changed by training");
        }
    }

    @Test
    void statefulHeadsKeepTheFirstReplicasUpdate() {
        // CurricularFace's t moves from the batch's target cosines: with replicas, replica 0's shard decides it
        MdfeConfig cfg = config("CurricularFace", true, "OPTIMIZER.name=SGD");
        try (Replica whole = new Replica(cfg, List.of(Device.cpu()));
             Replica firstShard = new Replica(cfg, List.of(Device.cpu()));
             Replica two = new Replica(cfg, List.of(Device.cpu(), Device.cpu()))) {
            firstShard.copyWeightsOf(whole);
            two.copyWeightsOf(whole);
            Random random = new Random(5);
            float[] images = images(random, ROWS);
            int[] labels = labels(random, ROWS);
            whole.step(images, labels);
            two.step(images, labels);
            int first = DataParallel.shardBounds(ROWS, 2)[1];
            firstShard.step(Arrays.copyOf(images, first * 3 * SIDE * SIDE), Arrays.copyOf(labels, first));
            float t = two.network.head().state().get("t");
            assertEquals(firstShard.network.head().state().get("t"), t, 1e-6f);
            assertTrue(Math.abs(whole.network.head().state().get("t") - t) > 1e-6f,
                    "the whole batch gives another t than its first shard: " + t);
        }
    }

    @Test
    void batchNormKeepsTheFirstReplicasRunningStatistics() {
        // a trainable demo CNN: as in torch's DataParallel, replicas normalise by their own shard's statistics,
        // and only replica 0's running statistics survive the step
        MdfeConfig cfg = config("ArcFace", false, "OPTIMIZER.name=SGD");
        try (Replica firstShard = new Replica(cfg, List.of(Device.cpu()));
             Replica two = new Replica(cfg, List.of(Device.cpu(), Device.cpu()))) {
            two.copyWeightsOf(firstShard);
            Random random = new Random(7);
            float[] images = images(random, ROWS);
            int[] labels = labels(random, ROWS);
            two.step(images, labels);
            int first = DataParallel.shardBounds(ROWS, 2)[1];
            firstShard.step(Arrays.copyOf(images, first * 3 * SIDE * SIDE), Arrays.copyOf(labels, first));
            Map<String, float[]> expected = firstShard.parameters();
            Map<String, float[]> actual = two.parameters();
            List<String> statistics = expected.keySet().stream().filter(n -> n.contains("running")).toList();
            assertEquals(8, statistics.size(), "running mean and variance of four batch-norm layers: " + statistics);
            statistics.forEach(n -> assertClose(expected.get(n), actual.get(n), n));
        }
    }

    @Test
    void shardsAreContiguousAndAsEvenAsPossible() {
        assertArrayEquals(new int[] {0, 4, 7}, DataParallel.shardBounds(7, 2));
        assertArrayEquals(new int[] {0, 3, 6, 8, 10}, DataParallel.shardBounds(10, 4));
        assertArrayEquals(new int[] {0, 1, 2, 2}, DataParallel.shardBounds(2, 3));
    }

    @Test
    void fewerRowsThanReplicasStillTrainsOnEveryRow() {
        MdfeConfig cfg = config("ArcFace", true, "OPTIMIZER.name=SGD", "OPTIMIZER.lr=0.05");
        try (Replica one = new Replica(cfg, List.of(Device.cpu()));
             Replica three = new Replica(cfg, List.of(Device.cpu(), Device.cpu(), Device.cpu()))) {
            three.copyWeightsOf(one);
            Random random = new Random(9);
            float[] images = images(random, 2);
            int[] labels = labels(random, 2);
            assertEquals(one.step(images, labels), three.step(images, labels), 1e-5);
            Map<String, float[]> expected = one.parameters();
            three.parameters().forEach((n, v) -> assertClose(expected.get(n), v, n));
        }
    }

    @Test
    void aTorchScriptBackboneOverSeveralDevicesIsRefusedUnlessOnCachedFeatures() throws Exception {
        MdfeConfig cfg = config("ArcFace", true);
        Path models = Path.of(DataParallelTest.class.getResource("/backbones").toURI());
        try (NDManager manager = NDManager.newBaseManager();
             TorchScriptBackbone backbone = TorchScriptBackbone.create(
                     new BackboneSpec("clip", "tiny-vit-test", "", false, 32, false, models), manager)) {
            TrainingNetwork network = new TrainingNetwork(
                    new EmbeddingNetwork(backbone, NeckRegistry.create(new NeckSpec("proj_layer", 32, 32, 0f)),
                            "proj_layer", 32, false),
                    HeadRegistry.create(ModelFactory.headSpec(cfg, CLASSES, null)));
            // the check comes before the trainer or any device is used: no GPU is needed to name one
            List<Device> twoDevices = List.of(Device.cpu(), Device.gpu(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new DataParallel(null, network, twoDevices));
            assertTrue(e.getMessage().contains("cannot replicate the TorchScript backbone tiny-vit-test (MODEL.BACKBONE.type"
                    + " clip), which is loaded on cpu() only"), e.getMessage());
            // one device twice (the CPU replicas of the tests) runs the module where it is
            assertEquals(2, new DataParallel(null, network, List.of(Device.cpu(), Device.cpu())).devices().size());
            network.useFeatureInput(true); // the steps then never run the backbone
            assertEquals(twoDevices, new DataParallel(null, network, twoDevices).devices());
        }
    }

    private static MdfeConfig config(String head, boolean frozenBackbone, String... overrides) {
        List<String> all = new ArrayList<>(List.of("MODEL.HEAD.name=" + head, "MODEL.NECK.dropout=0.0",
                "MODEL.BACKBONE.freeze_backbone=" + (frozenBackbone ? "True" : "False"), "TRAIN.device=cpu",
                "OPTIMIZER.weight_decay=1e-2"));
        all.addAll(List.of(overrides));
        return ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), all);
    }

    private static float[] images(Random random, int rows) {
        float[] x = new float[rows * 3 * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static int[] labels(Random random, int rows) {
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(CLASSES);
        }
        return y;
    }

    private static void assertClose(float[] expected, float[] actual, String name) {
        double tolerance = RELATIVE * Math.max(maxAbs(expected), 1e-6);
        double difference = maxAbsDifference(expected, actual);
        assertTrue(difference <= tolerance, name + ": replicas differ by " + difference + " (allowed " + tolerance + ")");
    }

    private static double maxAbs(float[] a) {
        double max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** A network, its trainer and its data-parallel stepping over some devices, as the training loop builds them. */
    private static final class Replica implements AutoCloseable {
        private final Model model;
        private final TrainingNetwork network;
        private final TrainingOptimizer optimizer;
        private final Trainer trainer;
        private final DataParallel replicas;

        Replica(MdfeConfig cfg, List<Device> devices) {
            model = Model.newInstance("dp", devices.get(0));
            Engine.getInstance().setRandomSeed(cfg.seed());
            network = ModelFactory.training(cfg, CLASSES, null, model.getNDManager());
            model.setBlock(network);
            optimizer = OptimizerRegistry.create(cfg.optimizer(), step -> cfg.optimizer().lr());
            optimizer.nameParameters(network.getParameters());
            trainer = model.newTrainer(new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss()).optOptimizer(optimizer)
                    .optDevices(new Device[] {devices.get(0)}));
            replicas = new DataParallel(trainer, network, devices);
        }

        void copyWeightsOf(Replica other) {
            Map<String, Parameter> source = other.network.getParameters().toMap();
            for (Pair<String, Parameter> p : network.getParameters()) {
                source.get(p.getKey()).getArray().copyTo(p.getValue().getArray());
            }
        }

        /** One optimizer step as the training loop takes it; returns the batch loss. */
        double step(float[] images, int[] labels) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = scope.create(images, new Shape(labels.length, 3, SIDE, SIDE));
                NDList y = new NDList(scope.create(labels));
                double loss = replicas.forwardBackward(x, y);
                if (optimizer instanceof SamOptimizer sam) {
                    List<Parameter> trainable = network.getParameters().values().stream()
                            .filter(Parameter::requiresGradient).toList();
                    sam.perturb(trainable);
                    replicas.forwardBackward(x, y);
                    sam.restore(trainable);
                }
                trainer.step();
                return loss;
            }
        }

        Map<String, float[]> parameters() {
            Map<String, float[]> values = new LinkedHashMap<>();
            network.getParameters().forEach(p -> values.put(p.getKey(), p.getValue().getArray().toFloatArray()));
            return values;
        }

        @Override
        public void close() {
            optimizer.close();
            trainer.close();
            model.close();
        }
    }
}
