package io.mdfe.core.train;

import java.nio.file.Path;

/**
 * A checkpoint written at a save point: the inference bundle for serving and evaluation, and the
 * folder with everything needed to resume.
 *
 * @param step completed steps
 * @param epoch the epoch of the last step, 1-based (as in TRAIN.save_epoch)
 * @param dir the checkpoint folder
 * @param bundle the inference model bundle inside it
 */
public record CheckpointInfo(long step, int epoch, Path dir, Path bundle) {
}
