package io.mdfe.service.common.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Maps a service's failures onto gRPC statuses, keeping their messages for the client. */
public final class GrpcErrors {

    private GrpcErrors() {
    }

    /**
     * The status a call that failed with {@code failure} ends with: a status already chosen stays, a
     * {@link ServiceException} becomes its code, anything else INTERNAL.
     *
     * @param failure why the call failed
     * @return the failure as a status, its message the description
     */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException chosen) {
            return chosen;
        }
        Status status = failure instanceof ServiceException refused ? Status.fromCode(refused.code()) : Status.INTERNAL;
        return toStatus(status, failure);
    }

    /**
     * {@code failure} as the given status, for the failures a service classifies itself.
     *
     * @param status the status
     * @param failure why the call failed
     * @return the status with the failure's message as the description and the failure as the cause
     */
    public static StatusRuntimeException toStatus(Status status, Throwable failure) {
        return status.withDescription(failure.getMessage()).withCause(failure).asRuntimeException();
    }
}
