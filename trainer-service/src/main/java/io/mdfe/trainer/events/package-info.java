/**
 * Kafka of the trainer-service: {@link io.mdfe.trainer.events.TrainingEventPublisher} writes
 * {@code mdfe.events.v1.TrainingEvent}s into the service's outbox, which
 * the relay fed by {@link io.mdfe.trainer.events.EventOutboxProducer} publishes as CloudEvents, and
 * {@link io.mdfe.trainer.events.DatasetEventConsumer} reads the data-service's {@code DatasetEvent}s (once per
 * event id, poison to the dead-letter topic) to start retraining runs.
 */
package io.mdfe.trainer.events;
