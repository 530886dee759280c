package io.mdfe.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Catalogue and index errors as gRPC statuses: unknown index NOT_FOUND, taken name ALREADY_EXISTS, bad
 * input ({@link IllegalArgumentException}) INVALID_ARGUMENT, wrong life-cycle step
 * ({@link IllegalStateException}) FAILED_PRECONDITION, anything else INTERNAL. The description is the
 * exception's message.
 */
final class GrpcStatuses {

    private GrpcStatuses() {
    }

    static StatusRuntimeException toStatus(Throwable error) {
        if (error instanceof StatusRuntimeException already) {
            return already;
        }
        Status status;
        if (error instanceof IndexNotFoundException) {
            status = Status.NOT_FOUND;
        } else if (error instanceof IndexExistsException) {
            status = Status.ALREADY_EXISTS;
        } else if (error instanceof IllegalArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (error instanceof IllegalStateException) {
            status = Status.FAILED_PRECONDITION;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(error.getMessage()).withCause(error).asRuntimeException();
    }
}
