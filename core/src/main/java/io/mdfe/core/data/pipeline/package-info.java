/**
 * The image pipeline: decoding and transforms on a bounded worker pool with bounded prefetch,
 * handing out batches in order and reproducibly for a seed, skipping (and listing) images that
 * cannot be decoded.
 */
package io.mdfe.core.data.pipeline;
