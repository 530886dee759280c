package io.mdfe.trainer.run;

import java.io.IOException;

/**
 * Where runs are trained: the seam between the {@link RunManager} and the workers. The embedded default starts
 * a local child JVM per run ({@code io.mdfe.trainer.worker.LocalProcessLauncher}); a Kubernetes Job launcher can
 * take its place.
 *
 * <p>A launched worker trains {@code run.spec()} in {@code run.spec().runDir()}, resuming from the newest
 * checkpoint in it when there is one, so launching a run again after its worker died continues it.
 */
public interface RunLauncher {

    /**
     * Starts a worker for a run.
     *
     * @param run the run, RUNNING
     * @param listener receives the worker's events and its exit
     * @return the worker
     * @throws IOException when the worker cannot be started
     */
    WorkerHandle launch(RunRecord run, WorkerListener listener) throws IOException;

    /**
     * Stops a worker a previous service process left behind, if it is still there, so a resumed run never has
     * two writers. Does nothing when the id is 0 or names no worker of this launcher.
     *
     * @param pid the {@link WorkerHandle#pid()} recorded for the run
     */
    void stopOrphan(long pid);

    /**
     * Whether a worker outlives the service process that launched it (a Kubernetes Job does). A run a killed
     * service left RUNNING is then launched again to adopt its worker, and no restart is counted: the worker
     * was never lost.
     *
     * @return false for workers that die with the service (child JVMs)
     */
    default boolean workersOutliveService() {
        return false;
    }

    /**
     * Called when the service shuts down, before its workers are stopped. A launcher whose workers outlive the
     * service (Kubernetes Jobs, adopted again on the next start) makes the following {@link WorkerHandle#stop()}
     * calls let them run on.
     */
    default void onShutdown() {
    }
}
