/**
 * The data-service's gRPC API: {@link io.mdfe.data.grpc.DataGrpcService} implements the Mutiny interface of
 * {@code mdfe.data.v1.DataService}; {@link io.mdfe.data.grpc.TransportReadinessInterceptor} lets its image
 * stream follow gRPC flow control.
 */
package io.mdfe.data.grpc;
