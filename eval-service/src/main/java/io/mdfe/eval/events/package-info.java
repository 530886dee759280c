/**
 * Kafka: CheckpointSaved events from the training topic queue checkpoint evaluations (once per event id; a
 * missing bundle goes to the dead-letter topic); each successful evaluation is written to the service's outbox
 * as an EvaluationCompleted event keyed by model id, and the outbox relay publishes it.
 */
package io.mdfe.eval.events;
