/**
 * The inference model bundle: a directory holding everything needed to compute embeddings
 * (backbone reference or copy, neck weights, preprocessing, resolved config, provenance). The format
 * is documented in the project README; {@link io.mdfe.core.model.bundle.ModelBundle} writes and
 * reads it.
 */
package io.mdfe.core.model.bundle;
