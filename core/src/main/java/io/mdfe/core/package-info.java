/**
 * The MDFE core library: everything the services and the CLI run, with no Quarkus in it.
 * Packages: {@code config} (MDFE2 YAML configs), {@code data} (images and datasets),
 * {@code model} (backbone, neck, head, bundle), {@code io} (file formats).
 */
package io.mdfe.core;
