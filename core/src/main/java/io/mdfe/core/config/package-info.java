/**
 * The typed MDFE2 configuration: {@link io.mdfe.core.config.MdfeConfig} and one record per
 * upstream section, loaded by {@link io.mdfe.core.config.ConfigLoader} from upstream-style YAML
 * plus {@code KEY=VALUE} overrides. Keys, defaults and allowed values are defined once, in
 * {@link io.mdfe.core.config.schema.ConfigSchema}; record components bind to keys by name
 * ({@link io.mdfe.core.config.binding.RecordBinder}), so a record component and its schema key
 * cannot drift apart without a test failing.
 */
package io.mdfe.core.config;
