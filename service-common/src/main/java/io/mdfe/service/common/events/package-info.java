/**
 * Kafka serialization of the pipeline's protobuf events (schemas in {@code mdfe/events/v1/events.proto}):
 * one serializer for every message, one deserializer per event envelope.
 */
package io.mdfe.service.common.events;
