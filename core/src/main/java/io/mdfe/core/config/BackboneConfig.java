package io.mdfe.core.config;

/**
 * Section {@code MODEL.BACKBONE}: which foundation model to load and whether it trains.
 *
 * @param outputDim      MODEL.BACKBONE.output_dim (feature width)
 * @param freezeBackbone MODEL.BACKBONE.freeze_backbone (true = linear probing)
 * @param type           MODEL.BACKBONE.type (validated by the backbone registry, not here)
 * @param networkArch    MODEL.BACKBONE.network_arch
 * @param modelName      MODEL.BACKBONE.model_name
 * @param weights        MODEL.BACKBONE.weights ("" = library default)
 * @param projLayer      MODEL.BACKBONE.proj_layer
 * @param modelDir       MODEL.BACKBONE.model_dir, our extension ("" = env MDFE_MODEL_DIR, else ./models;
 *                       resolved by the caller)
 */
public record BackboneConfig(int outputDim, boolean freezeBackbone, String type, String networkArch,
                             String modelName, String weights, boolean projLayer, String modelDir) {
}
