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

    /**
     * Commits a state change and this event as one step: runs {@code stateChange} (which saves the state), then
     * commits; when it throws, aborts and rethrows. A crash in between leaves the event staged, and {@link
     * Outbox#recover} keeps it exactly when the state was saved. Every service pairs its state and its events
     * this way.
     *
     * @param stateChange saves the state change the event announces
     */
    default void commitWith(Runnable stateChange) {
        try {
            stateChange.run();
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        commit();
    }

    /**
     * A state change that announces nothing, or whose event could not be staged (the caller logged why).
     *
     * @return a handle whose commit and abort do nothing
     */
    static StagedEvent none() {
        return new StagedEvent() {
            @Override
            public void commit() {
            }

            @Override
            public void abort() {
            }
        };
    }
}
