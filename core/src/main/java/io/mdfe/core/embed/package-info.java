/**
 * Bulk embedding extraction: images through a model bundle into a float32 matrix, in input order,
 * on the bounded image pipeline. Used by {@code mdfe extract}, evaluation and the services.
 */
package io.mdfe.core.embed;
