package io.mdfe.embedder.model;

import io.grpc.Status;

/** A bundle could not be loaded; the previous model keeps serving. {@link #code()} is the gRPC status. */
public final class ModelLoadException extends RuntimeException {

    private final Status.Code code;

    /**
     * @param code INVALID_ARGUMENT (bad URI), NOT_FOUND (nothing there) or FAILED_PRECONDITION (malformed bundle)
     * @param message why, naming the bundle
     * @param cause the underlying failure, or null
     */
    public ModelLoadException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** {@return the status code for LoadModel} */
    public Status.Code code() {
        return code;
    }
}
