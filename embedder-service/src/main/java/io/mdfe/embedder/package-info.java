/**
 * The embedder-service: inference: turns images into embeddings with a trained model.
 *
 * <p>So far it is the service skeleton only: gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}; the service's own gRPC API arrives with its {@code mdfe/embedder/v1/*.proto} in
 * {@code mdfe-proto}.
 */
package io.mdfe.embedder;
