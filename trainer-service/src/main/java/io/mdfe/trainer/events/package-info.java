/**
 * Kafka of the trainer-service: {@link io.mdfe.trainer.events.TrainingEventPublisher} sends
 * {@code mdfe.events.v1.TrainingEvent}s (serialized by {@code ProtobufSerializer}) and
 * {@link io.mdfe.trainer.events.DatasetEventConsumer} reads the data-service's {@code DatasetEvent}s to start
 * retraining runs.
 */
package io.mdfe.trainer.events;
