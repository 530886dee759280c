package io.mdfe.eval.index;

import io.grpc.StatusRuntimeException;

/** A call to the index-service failed; the message names the service address, the call and the index. */
public final class IndexServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    IndexServiceException(String target, String call, String index, StatusRuntimeException cause) {
        super("index-service at " + target + ": " + call + " of index '" + index + "' failed: "
                + cause.getStatus().getCode() + (cause.getStatus().getDescription() == null ? ""
                : " (" + cause.getStatus().getDescription() + ")"), cause);
    }
}
