package io.mdfe.trainer.run;

import io.mdfe.service.common.events.outbox.StagedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunEventSink} that writes each committed milestone as a line, e.g. {@code started run-1 0}. */
final class RecordingSink implements RunEventSink {

    final List<String> events = new CopyOnWriteArrayList<>();

    /** Lines of events staged and not yet committed or aborted. */
    final List<String> staged = new CopyOnWriteArrayList<>();

    @Override
    public StagedEvent started(RunRecord run, long startStep) {
        return stage("started " + run.id() + " " + startStep);
    }

    @Override
    public StagedEvent checkpointSaved(RunRecord run, CheckpointRecord checkpoint) {
        return stage("checkpoint " + run.id() + " " + checkpoint.step());
    }

    @Override
    public StagedEvent finished(RunRecord run) {
        return stage("finished " + run.id() + " " + run.step());
    }

    @Override
    public StagedEvent failed(RunRecord run) {
        return stage("failed " + run.id() + " " + run.state());
    }

    /** The line joins {@link #events} when committed, and is dropped when aborted. */
    private StagedEvent stage(String line) {
        staged.add(line);
        return new StagedEvent() {
            @Override
            public void commit() {
                staged.remove(line);
                events.add(line);
            }

            @Override
            public void abort() {
                staged.remove(line);
            }
        };
    }
}
