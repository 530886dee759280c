package io.mdfe.core.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped on a {@link StopRequest} before the end of its plan. Nothing of the unfinished
 * step was written: the newest checkpoint is intact, and {@code --resume} continues from it.
 */
public final class TrainingStoppedException extends RuntimeException {

    private final long step;
    private final transient Path lastCheckpoint;

    /**
     * @param step steps completed when it stopped
     * @param lastCheckpoint the newest checkpoint folder, or null when none was written yet
     * @param reason why the stop was requested
     */
    public TrainingStoppedException(long step, Path lastCheckpoint, String reason) {
        super("stopped after step " + step + " (" + reason + "); "
                + (lastCheckpoint == null ? "no checkpoint was written yet" : "last checkpoint " + lastCheckpoint));
        this.step = step;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** Steps completed. */
    public long step() {
        return step;
    }

    /** The newest checkpoint, if any. */
    public Optional<Path> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }
}
