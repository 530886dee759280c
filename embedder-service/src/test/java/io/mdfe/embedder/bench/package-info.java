/** The load generator of {@code bench/embed_service}; not a test, run by the script. */
package io.mdfe.embedder.bench;
