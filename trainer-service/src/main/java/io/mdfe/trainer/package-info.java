/**
 * The trainer-service: training runs of embedding models, each in its own worker process, served over gRPC
 * ({@code mdfe.trainer.v1.TrainerService}) and announced on Kafka ({@code mdfe.events.v1.TrainingEvent});
 * dataset changes announced by the data-service start retraining runs of the registered recipes.
 *
 * <p>Sub-packages: {@code run} (life cycle, registry, queue and recovery), {@code worker} (the local worker
 * JVM and its protocol), {@code plan} (request checking, retraining), {@code recipe} (recipes and known
 * datasets), {@code store} (persistence), {@code events} (Kafka) and {@code grpc} (the API). gRPC health,
 * reflection and ServiceInfo come from {@code mdfe-service-common}. Settings: {@link
 * io.mdfe.trainer.TrainerServiceConfig}.
 */
package io.mdfe.trainer;
