package io.mdfe.cli;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.image.ImageFiles;
import io.mdfe.core.embed.EmbeddingExtractor;
import io.mdfe.core.embed.Embeddings;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mdfe extract}: embeds every image under a folder with a model bundle and writes the vectors
 * as {@code .npy} (float32, one row per image) plus an {@code .ids.txt} naming each row's image.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Embed a folder of images with a model bundle; write <out>.npy and <out>.ids.txt.")
final class ExtractCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Model bundle directory.")
    Path bundleDir;

    @Parameters(index = "1", paramLabel = "IMAGES", description = "Folder of images (searched recursively).")
    Path images;

    @Option(names = "--out", required = true, description = "Output .npy file; row ids go to the same name with .ids.txt.")
    Path out;

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "32", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--workers", defaultValue = "2", description = "Image decoding threads (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--normalize", description = "L2-normalise the embeddings.")
    boolean normalize;

    @Option(names = "--strict", description = "Fail on the first unreadable image instead of skipping it.")
    boolean strict;

    @Option(names = "--model_dir", description = "Exported backbones, for bundles that reference theirs (default: $MDFE_MODEL_DIR or ./models).")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ImageFiles.list(images);
        Path models = modelDir != null ? modelDir : Path.of(System.getenv().getOrDefault(ModelFactory.MODEL_DIR_ENV, "models"));
        Embeddings embeddings;
        try (NDManager root = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(bundleDir, models, root);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("extract").setInitialMax(files.size())
                     .setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII).build()) {
            embeddings = new EmbeddingExtractor(bundle, batchSize, workers, strict, normalize).extract(files, bar::stepBy);
        }
        if (embeddings.vectors().rows() == 0) {
            throw new IllegalArgumentException(images + ": no image could be read (" + embeddings.skipped().size()
                    + " skipped)");
        }
        embeddings.vectors().write(out);
        Path idsFile = idsFile(out);
        StringBuilder ids = new StringBuilder();
        for (int item : embeddings.items()) {
            ids.append(images.relativize(files.get(item))).append('\n');
        }
        AtomicFiles.writeString(idsFile, ids.toString());
        System.out.printf("%d embeddings of dim %d -> %s (+ %s)%n", embeddings.vectors().rows(),
                embeddings.vectors().cols(), out, idsFile.getFileName());
        if (!embeddings.skipped().isEmpty()) {
            System.err.printf("skipped %d unreadable image(s):%n", embeddings.skipped().size());
            embeddings.skipped().forEach(s -> System.err.println("  " + s.path() + ": " + s.reason()));
        }
        return 0;
    }

    /** The ids file written beside {@code npy}: same name, {@code .ids.txt} instead of {@code .npy}. */
    static Path idsFile(Path npy) {
        String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
        return npy.resolveSibling(name + ".ids.txt");
    }
}
