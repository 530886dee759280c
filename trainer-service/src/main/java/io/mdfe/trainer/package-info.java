/**
 * The trainer-service: training runs: starts, tracks and checkpoints embedding-model training.
 *
 * <p>So far it is the service skeleton only: gRPC health, reflection and ServiceInfo come from
 * {@code mdfe-service-common}; the service's own gRPC API arrives with its {@code mdfe/trainer/v1/*.proto} in
 * {@code mdfe-proto}.
 */
package io.mdfe.trainer;
