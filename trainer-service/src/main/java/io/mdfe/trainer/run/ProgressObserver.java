package io.mdfe.trainer.run;

/**
 * Follows one run. Called under the {@link RunManager}'s lock: implementations must not block (hand the event
 * to a buffer or stream).
 */
@FunctionalInterface
public interface ProgressObserver {

    /**
     * The run changed; after an event whose run is terminal no more come.
     *
     * @param event the update
     */
    void onProgress(ProgressEvent event);
}
