package io.mdfe.embedder.batching;

import io.grpc.Status;
import io.mdfe.service.common.grpc.ServiceException;

/** One image of a request cannot be used; it fails that item only, with {@link #code()}. */
public final class ItemException extends ServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param code the gRPC status code to report for the item
     * @param message why, naming the image
     */
    public ItemException(Status.Code code, String message) {
        super(code, message);
    }
}
