package io.mdfe.trainer.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RunLauncher} without processes: it records what is launched and lets a test play the worker by
 * calling the listener of a run's latest launch.
 */
final class FakeLauncher implements RunLauncher {

    /** One launch. */
    record Launch(RunRecord run, WorkerListener listener, FakeWorker worker) {
    }

    /** A worker that only remembers being stopped. */
    static final class FakeWorker implements WorkerHandle {
        private final long pid;
        boolean stopped;

        FakeWorker(long pid) {
            this.pid = pid;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    final List<Launch> launches = new ArrayList<>();
    final List<Long> orphansStopped = new ArrayList<>();
    private final Map<String, Launch> latest = new LinkedHashMap<>();
    private long nextPid = 1000;

    @Override
    public WorkerHandle launch(RunRecord run, WorkerListener listener) {
        Launch launch = new Launch(run, listener, new FakeWorker(nextPid++));
        launches.add(launch);
        latest.put(run.id(), launch);
        return launch.worker();
    }

    @Override
    public void stopOrphan(long pid) {
        orphansStopped.add(pid);
    }

    Launch latest(String runId) {
        return latest.get(runId);
    }

    /** Plays a worker that trains {@code total} steps with a checkpoint at each of {@code checkpoints}. */
    void train(String runId, long startStep, long total, long... checkpoints) {
        WorkerListener worker = latest(runId).listener();
        worker.onEvent(new WorkerEvent.Started(total, startStep));
        for (long step = startStep + 1; step <= total; step++) {
            worker.onEvent(new WorkerEvent.Step(step, total, (int) ((step - 1) / 6), 1.0 / step, 1e-3, 100));
            for (long c : checkpoints) {
                if (c == step) {
                    worker.onEvent(new WorkerEvent.Checkpoint(step, (int) ((step - 1) / 6), "/runs/x/step-" + step, 32));
                }
            }
        }
    }
}
