package io.mdfe.core.model.bundle;

/** How a bundle holds its backbone. */
public enum BackboneStorage {
    /** The backbone files are inside the bundle (trained backbones, built-in backbones). */
    COPY,
    /**
     * The bundle names an exported backbone under the model directory and records its sha256: a
     * frozen multi-GB foundation model is not copied into every checkpoint.
     */
    REFERENCE
}
