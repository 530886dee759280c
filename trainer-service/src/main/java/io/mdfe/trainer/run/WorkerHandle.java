package io.mdfe.trainer.run;

/** A started worker. */
public interface WorkerHandle {

    /** @return its process id (or another id that {@link RunLauncher#stopOrphan} understands) */
    long pid();

    /** Kills it and waits briefly for it to go; its listener still receives {@code onExit}. */
    void stop();
}
