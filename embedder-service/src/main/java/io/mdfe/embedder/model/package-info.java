/**
 * The served model: a DJL {@link io.mdfe.core.model.bundle.ModelBundle} adapted to the batcher
 * ({@link io.mdfe.embedder.model.BundleModel}), and the background loader that loads, warms up and
 * swaps in a new bundle without interrupting requests ({@link io.mdfe.embedder.model.ModelLoader}).
 */
package io.mdfe.embedder.model;
