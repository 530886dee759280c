/** Readiness: the service is ready only while it serves a model. */
package io.mdfe.embedder.health;
