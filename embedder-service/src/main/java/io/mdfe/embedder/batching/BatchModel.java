package io.mdfe.embedder.batching;

import io.mdfe.core.data.image.RgbImage;
import java.util.List;

/**
 * A model the {@link DynamicBatcher} can serve: it prepares one decoded image into the model's input
 * (on a worker thread) and embeds a batch of prepared inputs in one forward pass (on the batcher
 * thread, one batch at a time).
 */
public interface BatchModel extends AutoCloseable {

    /** {@return the model id, as in {@code mdfe.common.v1.ModelRef}} */
    String modelId();

    /** {@return the model version, as in {@code mdfe.common.v1.ModelRef}} */
    String version();

    /**
     * Turns a decoded image into one input row of the model. Called concurrently from worker threads.
     *
     * @param image the decoded image
     * @return the model input, e.g. planar (3, S, S) floats
     */
    float[] prepare(RgbImage image);

    /**
     * Embeds prepared inputs in one forward pass. Called from one thread at a time.
     *
     * @param inputs rows made by {@link #prepare}
     * @return one embedding per input, in input order
     */
    float[][] embed(List<float[]> inputs);

    /** Frees the model's resources; called once, after its last batch. */
    @Override
    void close();
}
