package io.mdfe.embedder.batching;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/**
 * A whole request was not (or no longer) served: the queue is full, no model is loaded, the request is
 * malformed, or its deadline expired before inference. {@link #code()} is the gRPC status to answer.
 */
public final class EmbedRejectedException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC status code for the call
     * @param message why
     */
    public EmbedRejectedException(Status.Code code, String message) {
        super(code, message);
    }
}
