/**
 * Classes generated from {@code mdfe/common/v1/*.proto}: the references every service exchanges
 * ({@link io.mdfe.proto.common.ModelRef}, {@link io.mdfe.proto.common.DatasetRef},
 * {@link io.mdfe.proto.common.RunId}, {@link io.mdfe.proto.common.Embedding},
 * {@link io.mdfe.proto.common.ImageRef}) and the {@code ServiceInfo} gRPC service in three forms: the
 * grpc-java stubs ({@code ServiceInfoGrpc}), the Quarkus Mutiny stubs ({@code MutinyServiceInfoGrpc}) and
 * the Mutiny interface a Quarkus {@code @GrpcService} implements ({@link io.mdfe.proto.common.ServiceInfo}).
 *
 * <p>Only this file is written by hand; edit the .proto files, not the generated sources.
 */
package io.mdfe.proto.common;
