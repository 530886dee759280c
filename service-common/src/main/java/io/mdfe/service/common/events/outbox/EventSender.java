package io.mdfe.service.common.events.outbox;

import java.util.concurrent.CompletionStage;

/** Publishes one outbox event; the stage completes when the broker acknowledged it, or fails. */
@FunctionalInterface
public interface EventSender {

    /**
     * Sends the event.
     *
     * @param entry the event with its CloudEvents attributes
     * @return completes on the broker's acknowledgement
     */
    CompletionStage<Void> send(OutboxEntry entry);
}
