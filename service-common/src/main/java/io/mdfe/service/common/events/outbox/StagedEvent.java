package io.mdfe.service.common.events.outbox;

/**
 * An event written durably to the {@link Outbox} but not yet released to the relay: the state change it
 * announces is being committed. Exactly one of {@link #commit()} or {@link #abort()} follows.
 */
public interface StagedEvent {

    /** The state change is committed: the event may be published. */
    void commit();

    /** The state change failed: the event is dropped. */
    void abort();
}
