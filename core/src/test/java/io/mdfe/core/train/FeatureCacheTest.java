package io.mdfe.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A linear probe on cached backbone features trains exactly like one that runs the backbone every step. */
class FeatureCacheTest {

    @TempDir
    Path tmp;

    private List<Double> losses(MdfeConfig cfg, Path data, Path cache, String name) throws Exception {
        List<Double> losses = new ArrayList<>();
        TrainingLoop.Builder b = TrainingLoop.builder().setConfig(cfg).setDataRoot(data)
                .setRunDirectory(RunDirectory.create(tmp.resolve(name), cfg, new Random(1)))
                .optListener(new TrainingListener() {
                    @Override
                    public void onStep(StepStats stats) {
                        losses.add(stats.loss());
                    }
                });
        if (cache != null) {
            b.optFeatureCache(cache);
        }
        b.build().run();
        return losses;
    }

    @Test
    void cachedAndUncachedLossCurvesAgree() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(5, DemoScale.CI, 2).write(data, false);
        // a frozen backbone, a deterministic transform and no dropout: the cache applies and nothing random differs
        MdfeConfig cfg = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), List.of(
                "MODEL.BACKBONE.freeze_backbone=True", "TRANSFORM.name=openai-clip", "MODEL.NECK.dropout=0.0",
                "TRAIN.epochs=3", "TRAIN.save_epoch=[3]", "DATALOADER.batch_size=8", "OPTIMIZER.lr=1e-2"));
        Path cache = tmp.resolve("cache");

        List<Double> uncached = losses(cfg, data, null, "uncached");
        List<Double> cached = losses(cfg, data, cache, "cached");

        assertEquals(18, uncached.size());
        assertEquals(uncached.size(), cached.size());
        for (int i = 0; i < cached.size(); i++) {
            assertEquals(uncached.get(i), cached.get(i), 1e-4, "loss at step " + (i + 1));
        }
        assertTrue(uncached.get(uncached.size() - 1) < uncached.get(0), "the probe learns: " + uncached);

        Path entry;
        try (Stream<Path> files = Files.list(cache)) {
            entry = files.filter(p -> p.toString().endsWith(".npy")).findFirst().orElseThrow();
        }
        FileTime written = Files.getLastModifiedTime(entry);
        // what a run killed while writing this entry would have left: cleaned by the next run that uses it
        Path stale = Files.writeString(entry.resolveSibling("." + entry.getFileName() + ".tmp-999999999-1"), "half");
        assertEquals(cached, losses(cfg, data, cache, "again"), "a second run reads the same cache");
        assertFalse(Files.exists(stale), "a killed run's temporary is cleaned");
        assertEquals(written, Files.getLastModifiedTime(entry), "the cache entry is reused, not recomputed");
    }
}
