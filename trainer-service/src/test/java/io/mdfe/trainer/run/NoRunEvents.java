package io.mdfe.trainer.run;

import io.mdfe.service.common.events.outbox.StagedEvent;

/** A {@link RunEventSink} for tests that do not look at the milestones: nothing is staged or published. */
public final class NoRunEvents implements RunEventSink {

    @Override
    public StagedEvent started(RunRecord run, long startStep) {
        return StagedEvent.none();
    }

    @Override
    public StagedEvent checkpointSaved(RunRecord run, CheckpointRecord checkpoint) {
        return StagedEvent.none();
    }

    @Override
    public StagedEvent finished(RunRecord run) {
        return StagedEvent.none();
    }

    @Override
    public StagedEvent failed(RunRecord run) {
        return StagedEvent.none();
    }
}
