package io.mdfe.core.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mdfe.core.data.pipeline.Batch;
import io.mdfe.core.data.pipeline.EpochBatches;
import io.mdfe.core.data.pipeline.ImagePipeline;
import io.mdfe.core.io.NpyMatrix;
import io.mdfe.core.model.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Embeds images with a model bundle: decoding and the bundle's inference transform run on the image
 * pipeline's worker threads while the network embeds the previous batch.
 */
public final class EmbeddingExtractor {

    private final ModelBundle bundle;
    private final int batchSize;
    private final int workers;
    private final boolean strict;
    private final boolean normalize;
    private final long maxImagePixels;

    /**
     * @param bundle the model
     * @param batchSize images per forward pass
     * @param workers decoding threads
     * @param strict fail on the first unreadable image instead of skipping it
     * @param normalize L2-normalise the embeddings
     * @param maxImagePixels DATASET.max_image_pixels: larger images are refused from their header, undecoded
     */
    public EmbeddingExtractor(ModelBundle bundle, int batchSize, int workers, boolean strict, boolean normalize,
                              long maxImagePixels) {
        if (batchSize < 1 || workers < 1) {
            throw new IllegalArgumentException("batch size and workers must be >= 1, got " + batchSize + " and " + workers);
        }
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException("DATASET.max_image_pixels must be >= 1, got " + maxImagePixels);
        }
        this.maxImagePixels = maxImagePixels;
        this.bundle = bundle;
        this.batchSize = batchSize;
        this.workers = workers;
        this.strict = strict;
        this.normalize = normalize;
    }

    /**
     * Embeds {@code images}.
     *
     * @param progress told how many more images were processed (embedded or skipped) after each batch
     */
    public Embeddings extract(List<Path> images, IntConsumer progress) {
        int dim = bundle.manifest().embeddingDim();
        float[] vectors = new float[images.size() * dim];
        int[] items = new int[images.size()];
        int rows = 0;
        try (ImagePipeline pipeline = ImagePipeline.builder().setFiles(images).setTransform(bundle.transform())
                .setBatchSize(batchSize).optNumWorkers(workers).optShuffle(false).optStrict(strict)
                .optMaxImagePixels(maxImagePixels).build();
             EpochBatches batches = pipeline.epoch(0)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (NDManager scope = bundle.manager().newSubManager()) {
                    NDArray e = bundle.embed(batch.toNDArray(scope));
                    if (normalize) {
                        e = e.div(e.norm(new int[] {1}, true).maximum(1e-12f));
                    }
                    System.arraycopy(e.toFloatArray(), 0, vectors, rows * dim, batch.count() * dim);
                }
                System.arraycopy(batch.indices(), 0, items, rows, batch.count());
                rows += batch.count();
                progress.accept(batch.count() + batch.skipped().size());
            }
            return new Embeddings(new NpyMatrix(rows, dim, Arrays.copyOf(vectors, rows * dim)),
                    Arrays.copyOf(items, rows), batches.skipped());
        }
    }
}
