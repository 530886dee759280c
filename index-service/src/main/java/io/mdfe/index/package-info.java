/**
 * The index-service: nearest-neighbour indexes over embeddings and search in them.
 *
 * <p>So far it is the service skeleton only: gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}; the service's own gRPC API arrives with its {@code mdfe/index/v1/*.proto} in
 * {@code mdfe-proto}.
 */
package io.mdfe.index;
