package io.mdfe.core.model.backbone;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mdfe.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a backbone expects and produces; stored as the sidecar {@code backbone.json} next to an
 * exported {@code model.pt} (JSON keys in snake_case, as {@code tools/export_backbone.py} writes
 * them).
 *
 * @param formatVersion sidecar format, {@value #FORMAT_VERSION} today
 * @param type upstream {@code MODEL.BACKBONE.type}, e.g. {@code siglip}
 * @param modelName upstream {@code MODEL.BACKBONE.model_name}
 * @param weights pretrained tag or file the export used; empty for the library default
 * @param imageSize square input side in pixels
 * @param mean per-channel normalisation mean (RGB)
 * @param std per-channel normalisation std (RGB), all positive
 * @param outputDim feature width of the block's output
 * @param projLayer whether the CLIP projection layer is part of the model
 * @param sha256 lower-case hex SHA-256 of the model file, or empty when not recorded
 */
public record BackboneInfo(
        @JsonProperty(value = "format_version", required = true) int formatVersion,
        @JsonProperty(value = "type", required = true) String type,
        @JsonProperty(value = "model_name", required = true) String modelName,
        @JsonProperty("weights") String weights,
        @JsonProperty(value = "image_size", required = true) int imageSize,
        @JsonProperty(value = "mean", required = true) float[] mean,
        @JsonProperty(value = "std", required = true) float[] std,
        @JsonProperty(value = "output_dim", required = true) int outputDim,
        @JsonProperty(value = "proj_layer", required = true) boolean projLayer,
        @JsonProperty("sha256") String sha256) {

    /** The sidecar format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Validates every field; messages name the JSON key. */
    public BackboneInfo {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version must be " + FORMAT_VERSION
                    + ", got " + formatVersion);
        }
        requireText("type", type);
        requireText("model_name", modelName);
        weights = weights == null ? "" : weights;
        sha256 = sha256 == null ? "" : sha256;
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image_size must be > 0, got " + imageSize);
        }
        if (outputDim <= 0) {
            throw new IllegalArgumentException("output_dim must be > 0, got " + outputDim);
        }
        mean = rgb("mean", mean);
        std = rgb("std", std);
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0, got "
                        + Arrays.toString(std));
            }
        }
        if (!sha256.isEmpty() && !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException(
                    "sha256 must be 64 lower-case hex digits or empty, got '" + sha256 + "'");
        }
    }

    /** @return a copy of the per-channel mean */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** @return a copy of the per-channel std */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * @param newSha256 hex digest of the model file this info now describes
     * @return this info with another sha256
     */
    public BackboneInfo withSha256(String newSha256) {
        return new BackboneInfo(formatVersion, type, modelName, weights, imageSize, mean, std,
                outputDim, projLayer, newSha256);
    }

    /**
     * Reads and validates a sidecar.
     *
     * @param file the {@code backbone.json}
     * @return its content
     * @throws BackboneException naming the file and the bad field when missing or invalid
     */
    public static BackboneInfo read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), BackboneInfo.class);
        } catch (NoSuchFileException e) {
            throw new BackboneException("Backbone sidecar not found: " + file);
        } catch (JsonProcessingException e) {
            String reason = e.getCause() instanceof IllegalArgumentException bad
                    ? bad.getMessage() : e.getOriginalMessage();
            throw new BackboneException("Invalid backbone sidecar " + file + ": " + reason, e);
        } catch (IOException e) {
            throw new BackboneException("Cannot read backbone sidecar " + file + ": " + e, e);
        }
    }

    /**
     * Writes this info as JSON, atomically.
     *
     * @param file target {@code backbone.json}
     * @throws IOException when the file cannot be written
     */
    public void write(Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackboneInfo other
                && formatVersion == other.formatVersion
                && type.equals(other.type)
                && modelName.equals(other.modelName)
                && weights.equals(other.weights)
                && imageSize == other.imageSize
                && Arrays.equals(mean, other.mean)
                && Arrays.equals(std, other.std)
                && outputDim == other.outputDim
                && projLayer == other.projLayer
                && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(formatVersion, type, modelName, weights, imageSize,
                Arrays.hashCode(mean), Arrays.hashCode(std), outputDim, projLayer, sha256);
    }

    @Override
    public String toString() {
        return "BackboneInfo[type=" + type + ", model_name=" + modelName + ", weights=" + weights
                + ", image_size=" + imageSize + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + ", output_dim=" + outputDim
                + ", proj_layer=" + projLayer + ", sha256=" + sha256 + "]";
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be a non-empty string");
        }
    }

    private static float[] rgb(String key, float[] values) {
        if (values == null || values.length != 3) {
            throw new IllegalArgumentException(key + " must have 3 values (RGB), got "
                    + Arrays.toString(values));
        }
        return values.clone();
    }
}
