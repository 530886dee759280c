package io.mdfe.core.eval;

import io.mdfe.core.data.uned.UnedDomain;
import io.mdfe.core.data.uned.UnedItem;
import io.mdfe.core.embed.EmbeddingExtractor;
import io.mdfe.core.io.NpyMatrix;
import io.mdfe.core.model.bundle.ModelBundle;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Embeds UnED splits with a model bundle. Strict: evaluation needs every item, so an unreadable
 * image fails the run naming the file.
 */
public final class BundleEmbeddings implements SplitEmbeddings {

    private final EmbeddingExtractor extractor;
    private final IntConsumer progress;

    /**
     * @param bundle the model
     * @param batchSize images per forward pass (upstream's {@code --batch_size})
     * @param workers decoding threads
     * @param maxImagePixels DATASET.max_image_pixels: a larger image fails the run from its header, undecoded
     * @param progress told how many images were embedded after each batch
     */
    public BundleEmbeddings(ModelBundle bundle, int batchSize, int workers, long maxImagePixels, IntConsumer progress) {
        this.extractor = new EmbeddingExtractor(bundle, batchSize, workers, true, false, maxImagePixels);
        this.progress = progress;
    }

    @Override
    public NpyMatrix embed(UnedDomain domain, String split, List<UnedItem> items) {
        return extractor.extract(items.stream().map(UnedItem::image).toList(), progress).vectors();
    }
}
