package io.mdfe.trainer.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link RunEventSink} that writes each milestone as a line, e.g. {@code started run-1 0}. */
final class RecordingSink implements RunEventSink {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void started(RunRecord run, long startStep) {
        events.add("started " + run.id() + " " + startStep);
    }

    @Override
    public void checkpointSaved(RunRecord run, CheckpointRecord checkpoint) {
        events.add("checkpoint " + run.id() + " " + checkpoint.step());
    }

    @Override
    public void finished(RunRecord run) {
        events.add("finished " + run.id() + " " + run.step());
    }

    @Override
    public void failed(RunRecord run) {
        events.add("failed " + run.id() + " " + run.state());
    }
}
