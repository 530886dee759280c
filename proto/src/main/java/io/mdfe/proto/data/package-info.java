/**
 * Classes generated from {@code mdfe/data/v1/data.proto}: the data-service's gRPC API (dataset
 * registration, versions, paged manifests, class distributions, image streaming) as messages, grpc-java
 * stubs ({@code DataServiceGrpc}), Quarkus Mutiny stubs ({@code MutinyDataServiceGrpc}) and the Mutiny
 * interface a Quarkus {@code @GrpcService} implements ({@code DataService}).
 *
 * <p>Only this file is written by hand; edit the .proto file, not the generated sources.
 */
package io.mdfe.proto.data;
