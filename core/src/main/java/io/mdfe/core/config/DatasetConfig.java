package io.mdfe.core.config;

import java.util.List;

/**
 * Section {@code DATASET}: which training sets, and where.
 *
 * @param root        DATASET.root ("" = the data dir given on the command line)
 * @param names       DATASET.names (combined in order)
 * @param clsDistFile DATASET.cls_dist_file ("" = derived)
 */
public record DatasetConfig(String root, List<String> names, String clsDistFile) {
}
