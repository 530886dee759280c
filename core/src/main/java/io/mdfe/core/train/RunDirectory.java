package io.mdfe.core.train;

import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.Fsync;
import io.mdfe.core.io.Leftovers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The output folder of one training run: {@code MODEL.name} or, when that is empty, a name generated from
 * the config as upstream does (backbone, head and k, transform, optimizer and lr, scheduler, warmup), plus
 * a random model id, e.g. {@code demo__a1b2c3d4} or
 * {@code siglip-vit_so400m_patch14_siglip_384__ArcFace-k3__openai-clip__Adam-lr0.02__cosine__linear__a1b2c3d4}.
 *
 * <p>Layout: {@code config.yaml} (the resolved config), {@code train.log}, {@code train_loss.png},
 * {@code lrs_scheduling.png}, {@code eval_results.csv}, {@code eval_metrics.png} and
 * {@code checkpoints/step-<N>/} (see {@link CheckpointStore}).
 */
public record RunDirectory(Path dir) {

    /** The resolved config copied into every run. */
    public static final String CONFIG = "config.yaml";
    /** The run log. */
    public static final String LOG = "train.log";
    /** The run folder, checkpoints/ and one step folder: every level {@link AtomicFiles} writes into. */
    private static final int LEFTOVER_DEPTH = 3;

    /**
     * Creates a new run folder under {@code outputDir} and writes the config into it.
     *
     * @param random source of the model id
     */
    public static RunDirectory create(Path outputDir, MdfeConfig config, Random random) throws IOException {
        String id = String.format(Locale.ROOT, "%08x", random.nextInt());
        Path dir = outputDir.resolve(name(config) + "__" + id);
        Files.createDirectories(dir);
        Fsync.directory(dir.toAbsolutePath().getParent());
        RunDirectory run = new RunDirectory(dir);
        AtomicFiles.writeString(run.config(), config.toYaml());
        return run;
    }

    /**
     * Opens an existing run folder for {@code --resume}, first cleaning what a killed run left half-written
     * (see {@link Leftovers}): a checkpoint replacement cut between its renames is undone, temporaries go.
     *
     * @throws IllegalArgumentException when it is not a run folder
     * @throws UncheckedIOException when the leftovers cannot be cleaned
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a training run folder: " + CONFIG + " is missing");
        }
        try {
            Leftovers.recover(dir, LEFTOVER_DEPTH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the interrupted writes in run folder " + dir, e);
        }
        return new RunDirectory(dir);
    }

    /**
     * Removes the folder of a run that failed before its first checkpoint, so a failed start leaves no
     * folder holding only {@code config.yaml}; a run with a checkpoint is kept, as it can be resumed.
     *
     * @return true when the folder was removed
     */
    public boolean discardUnlessCheckpointed() throws IOException {
        if (Files.isDirectory(checkpoints())) {
            try (Stream<Path> saved = Files.list(checkpoints())) {
                if (saved.findAny().isPresent()) {
                    return false;
                }
            }
        }
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return true;
    }

    /**
     * The folder name before the model id: {@code MODEL.name} when set, else generated from the config as
     * upstream does. Characters other than letters, digits, {@code .}, {@code _} and {@code -} become {@code _}.
     */
    public static String name(MdfeConfig c) {
        String given = c.model().name().strip();
        if (!given.isEmpty()) {
            return safe(given);
        }
        var b = c.model().backbone();
        var h = c.model().head();
        var o = c.optimizer();
        var s = c.scheduler();
        String raw = String.join("__",
                b.type() + "-" + b.modelName(),
                h.name() + "-k" + h.k(),
                c.transform().name(),
                o.name() + "-lr" + trim(o.lr()),
                s.name(),
                s.warmup());
        return safe(raw);
    }

    private static String safe(String name) {
        // a name of dots only would be the folder itself or its parent
        String replaced = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return replaced.chars().allMatch(ch -> ch == '.') ? replaced.replace('.', '_') : replaced;
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** The resolved config of the run. */
    public Path config() {
        return dir.resolve(CONFIG);
    }

    /** The run log. */
    public Path log() {
        return dir.resolve(LOG);
    }

    /** The loss curve. */
    public Path lossPlot() {
        return dir.resolve("train_loss.png");
    }

    /** The learning-rate schedule plot. */
    public Path lrPlot() {
        return dir.resolve("lrs_scheduling.png");
    }

    /** One row per evaluated checkpoint. */
    public Path evalResults() {
        return dir.resolve("eval_results.csv");
    }

    /** The metrics over checkpoints. */
    public Path evalPlot() {
        return dir.resolve("eval_metrics.png");
    }

    /** The checkpoints folder. */
    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** The model id: the random suffix of the folder name. */
    public String modelId() {
        String name = dir.getFileName().toString();
        return name.substring(name.lastIndexOf("__") + 2);
    }
}
