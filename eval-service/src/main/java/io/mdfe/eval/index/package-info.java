/**
 * The index-service as an index backend: {@link io.mdfe.eval.index.IndexServiceIndexes} makes core
 * {@link io.mdfe.core.index.VectorIndex}es whose vectors, build and searches live in the index-service, reached
 * through its gRPC API (client {@code quarkus.grpc.clients.index.*}), so the evaluator runs unchanged on them.
 */
package io.mdfe.eval.index;
