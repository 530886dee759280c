/**
 * Idempotent event consumers: processed {@code ce_id}s remembered durably and bounded, transient failures retried
 * with backoff, poison events thrown on to the channel's dead-letter topic.
 */
package io.mdfe.service.common.events.consume;
