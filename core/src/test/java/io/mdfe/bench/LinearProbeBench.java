package io.mdfe.bench;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.TrainingLoop;
import io.mdfe.core.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A 10-epoch linear probe (frozen backbone, openai-clip transform) end to end, with the backbone run
 * every step vs on cached features (cold cache: features computed inside the timed run; warm: reused),
 * on the demo data and on a larger generated set. Prints one markdown row per set.
 *
 * <p>Arguments: work folder, config file, then demo scales to run ({@code small}, {@code large}, {@code ci})
 * and any {@code KEY=VALUE} config overrides.
 */
public final class LinearProbeBench {

    /** About 4x the demo's training images. */
    private static final DemoScale LARGE = new DemoScale(60, 30, 3, 6, 10, 25, 2, 6, 10, 6);

    private LinearProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path config = Path.of(args[1]);
        System.out.println(BenchMachine.describe());
        System.out.println("| data | train images | epochs | uncached s | cached s (cold) | cached s (warm) | speed-up cold | speed-up warm | final loss uncached / cached |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> overrides = new ArrayList<>(List.of("MODEL.BACKBONE.freeze_backbone=True",
                "TRANSFORM.name=openai-clip", "TRAIN.epochs=10", "TRAIN.save_epoch=[10]"));
        List<String> scales = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            (args[i].contains("=") ? overrides : scales).add(args[i]);
        }
        for (String name : scales) {
            DemoScale scale = name.equals("large") ? LARGE : DemoScale.named(name);
            Path data = work.resolve("data-" + name);
            if (!UnedDataset.isUnedRoot(data)) {
                new DemoDataGenerator(42, scale, 2).write(data, true);
            }
            MdfeConfig cfg = ConfigLoader.load(config, overrides);
            Path cache = work.resolve("cache-" + name + "-" + System.nanoTime());
            Run uncached = run(cfg, data, work, null);
            Run cold = run(cfg, data, work, cache);
            Run warm = run(cfg, data, work, cache);
            System.out.printf(Locale.ROOT, "| %s | %d | 10 | %.1f | %.1f | %.1f | %.1fx | %.1fx | %.4f / %.4f |%n", name,
                    uncached.images, uncached.seconds, cold.seconds, warm.seconds, uncached.seconds / cold.seconds,
                    uncached.seconds / warm.seconds, uncached.result.finalLoss(), warm.result.finalLoss());
        }
    }

    private record Run(double seconds, long images, TrainingResult result) {
    }

    private static Run run(MdfeConfig cfg, Path data, Path work, Path cache) throws Exception {
        long start = System.nanoTime();
        TrainingLoop.Builder b = TrainingLoop.builder().setConfig(cfg).setDataRoot(data)
                .setRunDirectory(RunDirectory.create(work.resolve("runs"), cfg, new Random()));
        if (cache != null) {
            b.optFeatureCache(cache);
        }
        TrainingResult result = b.build().run();
        long images = io.mdfe.core.data.dataset.TrainingSet.open(data, cfg.dataset().names()).samples().size();
        return new Run((System.nanoTime() - start) / 1e9, images, result);
    }
}
