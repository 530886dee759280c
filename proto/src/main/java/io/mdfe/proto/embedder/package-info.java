/**
 * Classes generated from {@code mdfe/embedder/v1/embedder.proto}: the embedder-service's gRPC API
 * (Embed, EmbedStream, GetModel, LoadModel) as messages, grpc-java stubs ({@code EmbedderServiceGrpc}),
 * Quarkus Mutiny stubs ({@code MutinyEmbedderServiceGrpc}) and the Mutiny interface a Quarkus
 * {@code @GrpcService} implements ({@code EmbedderService}).
 *
 * <p>Only this file is written by hand; edit the .proto file, not the generated sources.
 */
package io.mdfe.proto.embedder;
