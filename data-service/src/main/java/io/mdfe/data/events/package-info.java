/**
 * Kafka publishing of the data-service through a transactional outbox:
 * {@link io.mdfe.data.events.DatasetEventJournal} writes each registration's {@code mdfe.events.v1.DatasetEvent}
 * into {@code <state-dir>/outbox} in the same step as the catalog saves it, and the outbox relay
 * (service-common's, fed by {@link io.mdfe.data.events.EventOutboxProducer}) publishes it as a CloudEvent in binary mode.
 */
package io.mdfe.data.events;
