package io.mdfe.embedder.batching;

import io.grpc.Status;

/** One image of a request cannot be used; it fails that item only, with {@link #code()}. */
public final class ItemException extends RuntimeException {

    private final Status.Code code;

    /**
     * @param code the gRPC status code to report for the item
     * @param message why, naming the image
     */
    public ItemException(Status.Code code, String message) {
        super(message);
        this.code = code;
    }

    /** {@return the status code for the item} */
    public Status.Code code() {
        return code;
    }
}
