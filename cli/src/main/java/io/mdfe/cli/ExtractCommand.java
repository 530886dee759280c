package io.mdfe.cli;

import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.image.ImageFiles;
import io.mdfe.core.data.uned.UnedDataset;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.embed.EmbeddingExtractor;
import io.mdfe.core.embed.Embeddings;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mdfe extract}: embeds every image under a folder, or every item of a UnED info file in file order,
 * with a model bundle and writes the vectors as {@code .npy} (float32, one row per image) plus an
 * {@code .ids.txt} naming each row's image.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Embed images with a model bundle; write <out>.npy and <out>.ids.txt.",
            "",
            "IMAGES is a folder (searched recursively, rows in sorted path order) or a UnED info file",
            "<data root>/info_files/<domain>/<split>.json (rows in info-file order; images under",
            "<data root>/images/).",
            "",
            "Output format: <out> is a NumPy .npy file, float32 little-endian, C order, shape",
            "(rows, embedding_dim), one row per embedded image. <out without .npy>.ids.txt has one line",
            "per row: the image path relative to the folder, or the info file's \"path\" entry.",
            "For UnED evaluation write <descriptors dir>/<domain>/<split>.npy for each split the",
            "benchmark uses; `mdfe evaluate --descriptors <descriptors dir>` reads them.",
            "",
            "Unreadable images: an info file must be embedded completely (evaluation needs every",
            "item), so any unreadable image fails the run unless --lenient is given; in a folder",
            "they are skipped and listed unless --strict is given."})
final class ExtractCommand implements Callable<Integer> {

    @Mixin
    DebugOption debug;

    // Prints through the command line's writers, so in-process callers (tests) see the output.
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "Model bundle directory.")
    Path bundleDir;

    @Parameters(index = "1", paramLabel = "IMAGES", description = "Folder of images, or a UnED info file (.json).")
    Path images;

    @Option(names = "--out", required = true, description = "Output .npy file; row ids go to the same name with .ids.txt.")
    Path out;

    @Option(names = {"--batch_size", "--batch-size"}, defaultValue = "32", description = "Images per forward pass (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--workers", defaultValue = "2", description = "Image decoding threads (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--normalize", description = "L2-normalise the embeddings.")
    boolean normalize;

    @Option(names = "--strict", description = "Folders: fail on the first unreadable image instead of skipping it.")
    boolean strict;

    @Option(names = "--lenient", description = "Info files: skip and list unreadable images instead of failing.")
    boolean lenient;

    @Option(names = {"--max_image_pixels", "--max-image-pixels"}, paramLabel = "N",
            description = "Refuse images whose header declares more pixels, undecoded (default: the bundle's"
                    + " DATASET.max_image_pixels, else 64000000).")
    Integer maxImagePixels;

    @Option(names = "--model_dir", description = "Exported backbones, for bundles that reference theirs (default: $MDFE_MODEL_DIR or ./models).")
    Path modelDir;

    @Override
    public Integer call() throws Exception {
        OptionChecks.positive("--batch_size", batchSize);
        OptionChecks.positive("--workers", workers);
        if (maxImagePixels != null) {
            OptionChecks.positive("--max_image_pixels", maxImagePixels);
        }
        Input input = Files.isRegularFile(images) ? Input.infoFile(images) : Input.folder(images);
        List<Path> files = input.files();
        boolean failOnUnreadable = input.complete() ? !lenient : strict;
        Path models = modelDir != null ? modelDir : Path.of(System.getenv().getOrDefault(ModelFactory.MODEL_DIR_ENV, "models"));
        Embeddings embeddings;
        try (NDManager root = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(bundleDir, models, root);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("extract").setInitialMax(files.size())
                     .setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII).build()) {
            long pixelLimit = maxImagePixels != null ? maxImagePixels : ModelBundle.maxImagePixels(bundleDir);
            embeddings = new EmbeddingExtractor(bundle, batchSize, workers, failOnUnreadable, normalize, pixelLimit)
                    .extract(files, bar::stepBy);
        }
        if (embeddings.vectors().rows() == 0) {
            var first = embeddings.skipped().get(0);
            throw new IllegalArgumentException(images + ": no image could be read (" + embeddings.skipped().size()
                    + " skipped, first: " + first.path() + ": " + first.reason() + ")");
        }
        embeddings.vectors().write(out);
        Path idsFile = idsFile(out);
        StringBuilder ids = new StringBuilder();
        for (int item : embeddings.items()) {
            ids.append(input.ids().get(item)).append('\n');
        }
        AtomicFiles.writeString(idsFile, ids.toString());
        spec.commandLine().getOut().printf("%d embeddings of dim %d -> %s (+ %s)%n", embeddings.vectors().rows(),
                embeddings.vectors().cols(), out, idsFile.getFileName());
        if (!embeddings.skipped().isEmpty()) {
            spec.commandLine().getErr().printf("skipped %d unreadable image(s):%n", embeddings.skipped().size());
            embeddings.skipped().forEach(s -> spec.commandLine().getErr().println("  " + s.path() + ": " + s.reason()));
        }
        return 0;
    }

    /**
     * What to embed.
     *
     * @param files the image files, in row order
     * @param ids the name of each file in the ids file
     * @param complete whether every image is required by default (an info file) or not (a folder)
     */
    record Input(List<Path> files, List<String> ids, boolean complete) {

        static Input folder(Path dir) throws java.io.IOException {
            List<Path> files = ImageFiles.list(dir);
            return new Input(files, files.stream().map(f -> dir.relativize(f).toString()).toList(), false);
        }

        /** {@code <root>/info_files/<domain>/<split>.json}: the data root is the info file's grandparent's parent. */
        static Input infoFile(Path file) {
            Path absolute = file.toAbsolutePath().normalize();
            Path domainDir = absolute.getParent();
            Path infoDir = domainDir == null ? null : domainDir.getParent();
            if (!absolute.getFileName().toString().endsWith(".json") || infoDir == null
                    || !UnedDataset.INFO_DIR.equals(infoDir.getFileName().toString()) || infoDir.getParent() == null) {
                throw new IllegalArgumentException(file + ": not a folder nor a UnED info file <data root>/"
                        + UnedDataset.INFO_DIR + "/<domain>/<split>.json");
            }
            UnedDataset data = UnedDataset.open(infoDir.getParent());
            String split = absolute.getFileName().toString().replaceFirst("\\.json$", "");
            List<UnedItem> items = data.items(data.domain(domainDir.getFileName().toString()), split);
            return new Input(items.stream().map(UnedItem::image).toList(), items.stream().map(UnedItem::path).toList(), true);
        }
    }

    /** The ids file written beside {@code npy}: same name, {@code .ids.txt} instead of {@code .npy}. */
    static Path idsFile(Path npy) {
        String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
        return npy.resolveSibling(name + ".ids.txt");
    }
}
