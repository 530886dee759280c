package io.mdfe.data.catalog;

import io.mdfe.service.common.events.outbox.StagedEvent;

/**
 * Records a registration's change in the same step as the catalog saves it (the dataset event's outbox): the
 * catalog stages the record before it saves, commits it after, aborts it when the save fails.
 */
@FunctionalInterface
public interface RegistrationJournal {

    /** Records nothing (plain catalog use, tests). */
    RegistrationJournal NONE = registration -> new StagedEvent() {
        @Override
        public void commit() {
        }

        @Override
        public void abort() {
        }
    };

    /**
     * Stages the record of a change that is about to be saved.
     *
     * @param registration a REGISTERED or UPDATED registration
     * @return the staged record
     */
    StagedEvent stage(Registration registration);
}
