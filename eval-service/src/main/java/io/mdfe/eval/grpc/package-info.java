/**
 * The {@code mdfe.eval.v1.EvalService} gRPC API: request validation into an
 * {@link io.mdfe.eval.job.EvaluationSpec}, the protobuf views of jobs, and the mapping of failures onto
 * INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND and RESOURCE_EXHAUSTED.
 */
package io.mdfe.eval.grpc;
