package io.mdfe.trainer.run;

/** Receives one worker's reports, in order, on a thread of the {@link RunLauncher}. */
public interface WorkerListener {

    /**
     * The worker reported something.
     *
     * @param event the report
     */
    void onEvent(WorkerEvent event);

    /**
     * The worker is gone; called once, after its last event.
     *
     * @param exitCode its exit code (137 and the like when it was killed)
     */
    void onExit(int exitCode);
}
