/**
 * The eval-service: retrieval evaluation of a model on a dataset (Recall@k, mMP@k).
 *
 * <p>So far it is the service skeleton only: gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}; the service's own gRPC API arrives with its {@code mdfe/eval/v1/*.proto} in
 * {@code mdfe-proto}.
 */
package io.mdfe.eval;
