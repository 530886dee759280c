package io.mdfe.core.model.backbone;

import java.io.IOException;
import java.nio.file.Path;

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

    /**
     * Writes this backbone, with its current (possibly trained) parameters, into {@code dir}: the
     * sidecar {@value BackboneFactory#SIDECAR} plus the family's weight files. The family's
     * {@link BackboneFactory#load} reads it back with bit-identical outputs.
     *
     * @param dir target folder, created if missing
     * @throws IOException when a file cannot be written
     */
    void saveTo(Path dir) throws IOException;

    /**
     * @return true when this backbone is an unchanged exported file under the model directory,
     *     which a bundle may reference by sha256 instead of copying
     */
    default boolean referenceable() {
        return false;
    }

    /** Frees the native resources held by this backbone. */
    @Override
    void close();
}
