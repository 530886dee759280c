/**
 * The pipeline's events (schemas in {@code mdfe/events/v1/events.proto}, contract in {@code proto/README.md}):
 * Kafka (de)serializers, CloudEvents attribute naming, durable file writes, backoff and the {@code mdfe.events.*}
 * settings. Publishing goes through {@link io.mdfe.service.common.events.outbox}; consuming through
 * {@link io.mdfe.service.common.events.consume}.
 */
package io.mdfe.service.common.events;
