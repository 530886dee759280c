/**
 * Kafka publishing of the data-service: {@link io.mdfe.data.events.DatasetEventPublisher} sends
 * {@code mdfe.events.v1.DatasetEvent} records through a SmallRye Reactive Messaging emitter, serialized by
 * {@link io.mdfe.service.common.events.ProtobufSerializer}.
 */
package io.mdfe.data.events;
