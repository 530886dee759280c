/**
 * Generated messages and stubs of {@code mdfe/eval/v1/eval.proto}: the eval-service's gRPC API (Evaluate,
 * GetEvaluation, ListEvaluations, StreamProgress).
 */
package io.mdfe.proto.eval;
