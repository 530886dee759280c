package io.mdfe.index;

import io.mdfe.core.index.IndexSpec;
import java.util.Map;

/**
 * What the catalogue knows of one index.
 *
 * @param name index name
 * @param backend registry name of its backend
 * @param spec what it holds
 * @param params backend parameters as used (including ones the catalogue added)
 * @param size vectors in it
 * @param built whether it has been built
 * @param bytes the build's reported size; 0 before building
 */
public record IndexInfo(String name, String backend, IndexSpec spec, Map<String, String> params, long size,
                        boolean built, long bytes) {
}
