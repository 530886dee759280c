package io.mdfe.core.data.pipeline;

/**
 * Loading failed: an image in strict mode, or an unexpected error in a worker, surfaced in the
 * consumer's thread. The message names the file.
 */
public final class PipelineException extends RuntimeException {

    /** Creates the error with a one-line message and its cause. */
    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
