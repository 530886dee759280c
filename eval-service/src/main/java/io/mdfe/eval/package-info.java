/**
 * The eval-service: UnED retrieval evaluation of model bundles (Recall@1, mMP@5, mAP@5 per domain) as
 * queued, persisted jobs.
 *
 * <p>{@code job} holds the queue, its persistence and the in-process runner (core's {@code UnedBenchmark});
 * {@code grpc} the {@code mdfe.eval.v1.EvalService} API and request validation; {@code events} the
 * CheckpointSaved consumer and the EvaluationCompleted publisher. This package wires them from
 * {@link io.mdfe.eval.EvalServiceConfig}. gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}.
 */
package io.mdfe.eval;
