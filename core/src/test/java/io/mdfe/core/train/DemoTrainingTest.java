package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.Provenance;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.uned.UnedProtocol;
import io.mdfe.core.eval.EvaluationTable;
import io.mdfe.core.model.EmbeddingNetwork;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.BackboneStorage;
import io.mdfe.core.model.bundle.ModelBundle;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.core.index.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's promise on a smaller set: training configs/demo.yaml raises UnED-format R@1 on the
 * validation split well above the untrained model's.
 */
class DemoTrainingTest {

    /** 48 training classes of 16 images (the demo has 100 of 20): about a minute on 2 cores. */
    private static final DemoScale SCALE = new DemoScale(12, 16, 3, 3, 4, 4, 2, 3, 2, 2);

    @TempDir
    Path tmp;

    @Test
    void trainingRaisesRecallWellAboveTheUntrainedModel() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(11, SCALE, 2).write(data, false);
        MdfeConfig cfg = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"),
                List.of("TRAIN.epochs=10", "TRAIN.save_epoch=[10]", "DATALOADER.batch_size=32"));
        UnedCheckpointEvaluator evaluator = new UnedCheckpointEvaluator(data, tmp, 128, 2, Metric.EUCLIDEAN,
                UnedProtocol.MERGED);

        Path untrained = tmp.resolve("untrained");
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(cfg.seed());
            EmbeddingNetwork network = ModelFactory.inference(cfg, manager);
            ModelBundle.write(untrained, network, new ModelIds("demo", "untrained"), cfg.toYaml(), BackboneStorage.COPY,
                    Provenance.current());
            network.backbone().close();
        }
        double before = recall(evaluator, untrained);

        TrainingResult result = TrainingLoop.builder().setConfig(cfg).setDataRoot(data)
                .setRunDirectory(RunDirectory.create(tmp.resolve("runs"), cfg, new Random(1))).build().run();
        double after = recall(evaluator, result.lastCheckpoint().bundle());

        assertTrue(after > 2 * before && after > before + 0.1,
                "mean R@1 on the demo val split: untrained " + before + ", trained " + after);
    }

    private static double recall(UnedCheckpointEvaluator evaluator, Path bundleDir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(); ModelBundle bundle = ModelBundle.load(bundleDir, bundleDir, manager)) {
            EvaluationTable table = evaluator.evaluate(bundle);
            return table.mean().get("R@1");
        }
    }
}
