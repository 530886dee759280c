package io.mdfe.core.model.bundle;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mdfe.core.model.backbone.BackboneInfo;
import java.util.Map;

/**
 * The {@code bundle.json} of a model bundle: what the embeddings are and how to reproduce them.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion layout version, {@value #FORMAT_VERSION} today
 * @param modelId identifier of the trained model (run id)
 * @param modelVersion version within that model, e.g. the checkpoint step
 * @param embeddingDim width of the embeddings
 * @param imageSize square input side of the inference transform
 * @param mean per-channel normalisation mean (RGB)
 * @param std per-channel normalisation std (RGB)
 * @param backboneStorage whether the backbone is copied in or referenced
 * @param backbone what the backbone is (for a reference: the exported file's sidecar, incl. sha256)
 * @param neckType {@code MODEL.NECK.neck_type}
 * @param neckInputDim backbone feature width the neck expects
 * @param l2Normalize whether the embeddings are L2-normalised ({@code MODEL.NECK.normalize}); absent in
 *                    bundles written before the option, which are not normalised, so null reads as false
 * @param provenance build and run facts: mdfe version, git commit, engine versions, creation time
 */
public record BundleManifest(
        @JsonProperty(value = "format", required = true) String format,
        @JsonProperty(value = "format_version", required = true) int formatVersion,
        @JsonProperty(value = "model_id", required = true) String modelId,
        @JsonProperty(value = "model_version", required = true) String modelVersion,
        @JsonProperty(value = "embedding_dim", required = true) int embeddingDim,
        @JsonProperty(value = "image_size", required = true) int imageSize,
        @JsonProperty(value = "mean", required = true) float[] mean,
        @JsonProperty(value = "std", required = true) float[] std,
        @JsonProperty(value = "backbone_storage", required = true) BackboneStorage backboneStorage,
        @JsonProperty(value = "backbone", required = true) BackboneInfo backbone,
        @JsonProperty(value = "neck_type", required = true) String neckType,
        @JsonProperty(value = "neck_input_dim", required = true) int neckInputDim,
        @JsonProperty("l2_normalize") Boolean l2Normalize,
        @JsonProperty("provenance") Map<String, String> provenance) {

    /** The value of {@code format}. */
    public static final String FORMAT = "mdfe-bundle";
    /** The layout this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** True when the bundle's embeddings have unit length. */
    public boolean normalize() {
        return l2Normalize;
    }

    /** Checks the fields; messages name the JSON key. */
    public BundleManifest {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format must be '" + FORMAT + "', got '" + format + "'");
        }
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version " + formatVersion
                    + " is not supported; this mdfe reads version " + FORMAT_VERSION);
        }
        if (embeddingDim < 1 || imageSize < 1 || neckInputDim < 1) {
            throw new IllegalArgumentException("embedding_dim, image_size and neck_input_dim must be >= 1");
        }
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (r, g, b)");
        }
        l2Normalize = Boolean.TRUE.equals(l2Normalize);
        provenance = provenance == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(provenance));
    }
}
