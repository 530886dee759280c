/**
 * The index-service: named nearest-neighbour indexes over embeddings and search in them, over gRPC
 * ({@code mdfe/index/v1/index.proto}).
 *
 * <p>{@link io.mdfe.index.IndexGrpcService} answers the API; {@link io.mdfe.index.IndexCatalogue} holds the
 * indexes by name, each made by a backend of {@link io.mdfe.core.index.IndexRegistry}, and persists the
 * built ones under {@code mdfe.index.state-dir} ({@link io.mdfe.index.IndexServiceConfig}) so a restart
 * reloads them. gRPC health, reflection and ServiceInfo come from {@code mdfe-service-common}.
 */
package io.mdfe.index;
