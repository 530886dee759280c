/**
 * The data-service: the dataset catalog: dataset versions, splits and access to their images.
 *
 * <p>So far it is the service skeleton only: gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}; the service's own gRPC API arrives with its {@code mdfe/data/v1/*.proto} in
 * {@code mdfe-proto}.
 */
package io.mdfe.data;
