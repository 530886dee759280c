package io.mdfe.core.model.backbone;

import java.nio.file.Path;

/**
 * What backbone to build, from the {@code MODEL.BACKBONE} config keys.
 *
 * @param type {@code MODEL.BACKBONE.type}, a key of {@link BackboneRegistry}
 * @param modelName {@code MODEL.BACKBONE.model_name}
 * @param weights {@code MODEL.BACKBONE.weights}; empty = the library default
 * @param projLayer {@code MODEL.BACKBONE.proj_layer}
 * @param outputDim {@code MODEL.BACKBONE.output_dim}, the expected feature width
 * @param trainable true to fine-tune the backbone, false to freeze it (linear probing)
 * @param modelDir root of exported models ({@code MODEL.BACKBONE.model_dir}, env
 *     {@code MDFE_MODEL_DIR}, or {@code ./models}); may be null for backbones built in code
 * @param imageSize input side wanted by the transform; 0 = the backbone's own. Backbones built in
 *     code use it; exported ones have a fixed size and reject a different non-zero value
 */
public record BackboneSpec(
        String type,
        String modelName,
        String weights,
        boolean projLayer,
        int outputDim,
        boolean trainable,
        Path modelDir,
        int imageSize) {

    /** Validates the fields; messages name the config key. */
    public BackboneSpec {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("MODEL.BACKBONE.type must be set");
        }
        modelName = modelName == null ? "" : modelName;
        weights = weights == null ? "" : weights;
        if (outputDim <= 0) {
            throw new IllegalArgumentException(
                    "MODEL.BACKBONE.output_dim must be > 0, got " + outputDim);
        }
        if (imageSize < 0) {
            throw new IllegalArgumentException("image size must be >= 0 (0 = backbone default),"
                    + " got " + imageSize);
        }
    }

    /** A spec that takes the image size from the backbone. */
    public BackboneSpec(String type, String modelName, String weights, boolean projLayer,
            int outputDim, boolean trainable, Path modelDir) {
        this(type, modelName, weights, projLayer, outputDim, trainable, modelDir, 0);
    }
}
