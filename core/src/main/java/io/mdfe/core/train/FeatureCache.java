package io.mdfe.core.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdfe.core.data.dataset.TrainingSample;
import io.mdfe.core.data.dataset.TrainingSet;
import io.mdfe.core.data.pipeline.Batch;
import io.mdfe.core.data.pipeline.EpochBatches;
import io.mdfe.core.data.pipeline.ImagePipeline;
import io.mdfe.core.data.pipeline.SkippedImage;
import io.mdfe.core.data.transform.ImageTransform;
import io.mdfe.core.io.AtomicFiles;
import io.mdfe.core.io.Leftovers;
import io.mdfe.core.io.MappedNpy;
import io.mdfe.core.io.NpyMatrix;
import io.mdfe.core.model.EmbeddingNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Backbone features of a training set, computed once and reused by every epoch of a linear probe:
 * with a frozen backbone and a deterministic transform the backbone's output for an image never
 * changes, so only the neck and head need training steps.
 *
 * <p>Entries live under the cache folder as {@code <key>.npy} (float32, one row per training sample,
 * memory-mapped when read) plus {@code <key>.json} (what the key was made of, and the samples that
 * could not be decoded). The key hashes the backbone (its sidecar, incl. the weights' sha256, or the
 * SEED for a seeded built-in backbone), the transform and its parameters, and the dataset version.
 */
public final class FeatureCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final long maxImagePixels;
    private final boolean strict;

    /**
     * A cache in {@code dir} (created when first written).
     *
     * @param maxImagePixels DATASET.max_image_pixels for the images it decodes
     * @param strict fail on the first unreadable image instead of skipping it
     */
    public FeatureCache(Path dir, long maxImagePixels, boolean strict) {
        this.dir = dir;
        this.maxImagePixels = maxImagePixels;
        this.strict = strict;
    }

    /** True when cached features give the same training as images: frozen backbone, deterministic transform. */
    public static boolean applies(EmbeddingNetwork network, ImageTransform transform) {
        return network.frozenBackbone() && transform.deterministic();
    }

    /**
     * The features of every sample of {@code data}, computed and stored on first use.
     *
     * @param seed the run's SEED (identifies a seeded built-in backbone's weights)
     * @param progress told how many samples were processed, while computing
     */
    public Features load(TrainingSet data, EmbeddingNetwork network, ImageTransform transform, long seed,
                         int batchSize, int workers, IntConsumer progress) throws IOException {
        Map<String, Object> keyParts = new LinkedHashMap<>();
        keyParts.put("backbone", network.backbone().info());
        keyParts.put("weights", network.backbone().info().sha256().isEmpty() ? "seed " + seed : "sha256");
        keyParts.put("transform", transform.cacheKey());
        keyParts.put("dataset", data.fingerprint());
        keyParts.put("samples", data.samples().size());
        keyParts.put("max_image_pixels", maxImagePixels);
        String key = sha256(JSON.writeValueAsString(keyParts));
        Path npy = dir.resolve(key + ".npy");
        Path json = dir.resolve(key + ".json");
        // a run killed while computing this entry left a (possibly multi-GB) temporary; other entries may be
        // being written by other runs sharing the cache
        Leftovers.recoverSiblingsOf(npy);
        Leftovers.recoverSiblingsOf(json);
        if (!Files.isRegularFile(npy) || !Files.isRegularFile(json)) {
            compute(data, network, transform, batchSize, workers, progress, npy, json, keyParts);
        }
        Set<Integer> skipped = new TreeSet<>(List.of(JSON.readValue(json.toFile(), Descriptor.class).skipped()));
        return new Features(MappedNpy.map(npy), skipped, npy);
    }

    private void compute(TrainingSet data, EmbeddingNetwork network, ImageTransform transform, int batchSize,
                         int workers, IntConsumer progress, Path npy, Path json, Map<String, Object> keyParts)
            throws IOException {
        int n = data.samples().size();
        int dim = network.backbone().info().outputDim();
        float[] features = new float[Math.multiplyExact(n, dim)];
        List<SkippedImage> skipped;
        try (ImagePipeline pipeline = ImagePipeline.builder()
                .setFiles(data.samples().stream().map(TrainingSample::image).toList()).setTransform(transform)
                .setBatchSize(batchSize).optNumWorkers(workers).optShuffle(false)
                .optMaxImagePixels(maxImagePixels).optStrict(strict).build();
             EpochBatches batches = pipeline.epoch(0);
             NDManager manager = NDManager.newBaseManager()) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (NDManager scope = manager.newSubManager()) {
                    float[] out = network.backbone().block().forward(new ParameterStore(scope, false),
                            new NDList(batch.toNDArray(scope)), false).singletonOrThrow().toFloatArray();
                    for (int i = 0; i < batch.count(); i++) {
                        System.arraycopy(out, i * dim, features, batch.indices()[i] * dim, dim);
                    }
                }
                progress.accept(batch.count() + batch.skipped().size());
            }
            skipped = batches.skipped();
        }
        Files.createDirectories(dir);
        new NpyMatrix(n, dim, features).write(npy);
        AtomicFiles.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Descriptor(keyParts,
                skipped.stream().map(SkippedImage::index).toList().toArray(new Integer[0]))));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The {@code <key>.json} of an entry.
     *
     * @param key what the key was made of
     * @param skipped samples that could not be decoded (their rows are zeros and never trained on)
     */
    record Descriptor(Map<String, Object> key, Integer[] skipped) {
    }

    /**
     * Cached features of a training set.
     *
     * @param matrix one row per sample, memory-mapped
     * @param skipped samples without features
     * @param file where they are stored
     */
    public record Features(MappedNpy matrix, Set<Integer> skipped, Path file) {
    }
}
