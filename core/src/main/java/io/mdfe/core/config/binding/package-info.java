/**
 * Moving configuration values between text and the typed records: reading upstream YAML files,
 * applying {@code KEY=VALUE} overrides, binding flat {@code path -> value} maps to the records by
 * naming convention, and writing YAML back. Nothing here knows individual keys; the schema does.
 */
package io.mdfe.core.config.binding;
