package io.mdfe.core.data.transform;

/** One of the colour-jitter adjustments; ColorJitter applies them in a random order. */
public enum JitterOp {
    /** Blend with black. */
    BRIGHTNESS,
    /** Blend with the mean grey level. */
    CONTRAST,
    /** Blend with the grayscale image. */
    SATURATION
}
