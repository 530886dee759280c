package io.mdfe.core.config;

import java.util.List;

/**
 * Section {@code DATASET}: which training sets, and where.
 *
 * @param root        DATASET.root ("" = the data dir given on the command line)
 * @param names       DATASET.names (combined in order)
 * @param clsDistFile DATASET.cls_dist_file ("" = derived)
 * @param maxImagePixels DATASET.max_image_pixels (larger images are refused from their header)
 * @param multiLabel  DATASET.multi_label (error, skip or first)
 */
public record DatasetConfig(String root, List<String> names, String clsDistFile, int maxImagePixels,
                            String multiLabel) {
}
