/**
 * Kafka: CheckpointSaved events from the training topic queue checkpoint evaluations; each successful
 * evaluation is announced as an EvaluationCompleted event keyed by model id.
 */
package io.mdfe.eval.events;
