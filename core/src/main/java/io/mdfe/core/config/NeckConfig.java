package io.mdfe.core.config;

/**
 * Section {@code MODEL.NECK}: projection from backbone features to the embedding.
 *
 * @param neckType MODEL.NECK.neck_type ("proj_layer" or "pooling")
 * @param dropout  MODEL.NECK.dropout (probability, proj_layer only)
 * @param normalize MODEL.NECK.normalize (L2-normalise the inference model's embedding)
 */
public record NeckConfig(String neckType, double dropout, boolean normalize) {
}
