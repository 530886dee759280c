package io.mdfe.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mdfe.core.data.image.ImageDecodeException;
import io.mdfe.core.data.image.ImageDecoder;
import io.mdfe.core.data.image.ImageFiles;
import io.mdfe.core.data.transform.InferenceTransform;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.NpyMatrix;
import io.mdfe.core.model.ModelFactory;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("--batch_size and --workers must be >= 1");
        }
        List<Path> files = ImageFiles.list(images);
        Path models = modelDir != null ? modelDir : Path.of(System.getenv().getOrDefault(ModelFactory.MODEL_DIR_ENV, "models"));
        List<String> ids = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (NDManager root = NDManager.newBaseManager();
             ModelBundle bundle = ModelBundle.load(bundleDir, models, root);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("extract").setInitialMax(files.size())
                     .setUnit(" img", 1).setStyle(ProgressBarStyle.ASCII).build()) {
            int dim = bundle.manifest().embeddingDim();
            int size = bundle.manifest().imageSize();
            float[] vectors = new float[files.size() * dim];
            int rows = 0;
            InferenceTransform transform = bundle.transform();
            for (int start = 0; start < files.size(); start += batchSize) {
                List<Path> batch = files.subList(start, Math.min(files.size(), start + batchSize));
                List<Future<float[]>> decoded = new ArrayList<>();
                for (Path file : batch) {
                    decoded.add(pool.submit(() -> transform.apply(ImageDecoder.decode(file))));
                }
                List<float[]> pixels = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    try {
                        pixels.add(decoded.get(i).get());
                        ids.add(images.relativize(batch.get(i)).toString());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof ImageDecodeException bad) || strict) {
                            throw e.getCause() instanceof Exception cause ? cause : e;
                        }
                        skipped.add(bad.getMessage());
                    }
                }
                if (!pixels.isEmpty()) {
                    try (NDManager batchManager = bundle.manager().newSubManager()) {
                        float[] flat = new float[pixels.size() * 3 * size * size];
                        for (int i = 0; i < pixels.size(); i++) {
                            System.arraycopy(pixels.get(i), 0, flat, i * 3 * size * size, 3 * size * size);
                        }
                        NDArray x = batchManager.create(flat, new Shape(pixels.size(), 3, size, size));
                        NDArray e = bundle.embed(x);
                        if (normalize) {
                            e = e.div(e.norm(new int[] {1}, true).maximum(1e-12f));
                        }
                        System.arraycopy(e.toFloatArray(), 0, vectors, rows * dim, pixels.size() * dim);
                        rows += pixels.size();
                    }
                }
                bar.stepBy(batch.size());
            }
            bar.close();
            if (rows == 0) {
                throw new IllegalArgumentException(images + ": no image could be read (" + skipped.size() + " skipped)");
            }
            NpyMatrix matrix = new NpyMatrix(rows, dim, java.util.Arrays.copyOf(vectors, rows * dim));
            matrix.write(out);
            Path idsFile = idsFile(out);
            AtomicFiles.writeString(idsFile, String.join("\n", ids) + "\n");
            System.out.printf("%d embeddings of dim %d -> %s (+ %s)%n", rows, dim, out, idsFile.getFileName());
        } finally {
            pool.shutdownNow();
        }
        if (!skipped.isEmpty()) {
            System.err.printf("skipped %d unreadable image(s):%n", skipped.size());
            skipped.forEach(s -> System.err.println("  " + s));
        }
        return 0;
    }

    /** The ids file written beside {@code npy}: same name, {@code .ids.txt} instead of {@code .npy}. */
    static Path idsFile(Path npy) {
        String name = npy.getFileName().toString().replaceFirst("\\.npy$", "");
        return npy.resolveSibling(name + ".ids.txt");
    }
}
