package io.mdfe.embedder.model;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/** A bundle could not be loaded; the previous model keeps serving. {@link #code()} is the gRPC status. */
public final class ModelLoadException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param code INVALID_ARGUMENT (bad URI), NOT_FOUND (nothing there) or FAILED_PRECONDITION (malformed bundle)
     * @param message why, naming the bundle
     * @param cause the underlying failure, or null
     */
    public ModelLoadException(Status.Code code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
