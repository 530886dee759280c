/**
 * Hot reload from Kafka: {@code CheckpointSaved} events of topic {@code mdfe.training-events} (channel
 * {@code training-events}) make the service load and serve the new checkpoint's bundle.
 */
package io.mdfe.embedder.events;
