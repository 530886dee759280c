/**
 * The configuration schema: every key with its type, default, description and allowed values,
 * in one place ({@link io.mdfe.core.config.schema.ConfigSchema}). Loading, overrides, the typed
 * records and the generated {@code configs/README.md} are all derived from it.
 */
package io.mdfe.core.config.schema;
