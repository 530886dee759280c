/**
 * The transactional outbox: events written durably in the same step as the state change they announce
 * ({@link io.mdfe.service.common.events.outbox.Outbox}), published in order by a relay that retries while Kafka is
 * away ({@link io.mdfe.service.common.events.outbox.OutboxRelay}), as CloudEvents in binary content mode.
 */
package io.mdfe.service.common.events.outbox;
