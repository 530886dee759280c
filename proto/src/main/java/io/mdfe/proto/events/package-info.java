/**
 * Classes generated from {@code mdfe/events/v1/events.proto}: the payloads of every Kafka topic of the
 * pipeline, one envelope per topic family ({@code DatasetEvent} for the data-service so far). A record's
 * value is the envelope's protobuf bytes and its key the id of the entity the event is about.
 *
 * <p>Only this file is written by hand; edit the .proto file, not the generated sources.
 */
package io.mdfe.proto.events;
