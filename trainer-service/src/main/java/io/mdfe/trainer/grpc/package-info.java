/**
 * The trainer-service's gRPC API, {@code mdfe.trainer.v1.TrainerService}:
 * {@link io.mdfe.trainer.grpc.TrainerGrpcService} with its message conversions and error mapping.
 */
package io.mdfe.trainer.grpc;
