package io.mdfe.core.config;

import java.util.List;

/**
 * Section {@code TRANSFORM}: image preprocessing and augmentation.
 *
 * @param name TRANSFORM.name (openai-clip, openclip, eva-clip, siglip, custom)
 * @param size TRANSFORM.size (pixels)
 * @param mean TRANSFORM.mean (3 values, or empty = the backbone's)
 * @param std  TRANSFORM.std (3 values, or empty = the backbone's)
 */
public record TransformConfig(String name, int size, List<Double> mean, List<Double> std) {
}
