package io.mdfe.core.model.backbone;

import ai.djl.nn.Block;

/**
 * A feature extractor: its {@link #block()} maps float32 {@code (B, 3, H, W)} images, resized to
 * {@link BackboneInfo#imageSize()} and normalised with {@link BackboneInfo#mean()} /
 * {@link BackboneInfo#std()}, to {@code (B, outputDim)} features.
 *
 * <p>The block is ready to run when returned (parameters loaded or initialised). Closing the
 * backbone frees its native memory; the block must not be used afterwards.
 */
public interface Backbone extends AutoCloseable {

    /** @return what this backbone expects and produces */
    BackboneInfo info();

    /** @return the DJL block computing the features */
    Block block();

    /** Frees the native resources held by this backbone. */
    @Override
    void close();
}
