/**
 * The data-service: a catalog of training datasets on a shared file system, served over gRPC
 * ({@code mdfe.data.v1.DataService}) and announced on Kafka ({@code mdfe.events.v1.DatasetEvent}).
 *
 * <p>Sub-packages: {@code catalog} (versions, manifests, persistence), {@code dataset} (the adapter to the
 * dataset readers), {@code events} (Kafka publishing) and {@code grpc} (the API and its flow control).
 * gRPC health, reflection and ServiceInfo come from {@code mdfe-service-common}. Settings:
 * {@link io.mdfe.data.DataServiceConfig}.
 */
package io.mdfe.data;
