package io.mdfe.index;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.service.common.grpc.GrpcErrors;
import java.util.concurrent.CancellationException;

/**
 * Catalogue and index errors as gRPC statuses: unknown index NOT_FOUND, taken name ALREADY_EXISTS (their
 * exceptions carry the code), bad input ({@link IllegalArgumentException}) INVALID_ARGUMENT, wrong
 * life-cycle step ({@link IllegalStateException}) FAILED_PRECONDITION, a build or search stopped because
 * the caller gave up ({@link CancellationException}) CANCELLED, anything else as {@link GrpcErrors} says.
 * The description is the exception's message.
 */
final class GrpcStatuses {

    private GrpcStatuses() {
    }

    static StatusRuntimeException toStatus(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return GrpcErrors.toStatus(Status.INVALID_ARGUMENT, error);
        } else if (error instanceof IllegalStateException) {
            return GrpcErrors.toStatus(Status.FAILED_PRECONDITION, error);
        } else if (error instanceof CancellationException) {
            return GrpcErrors.toStatus(Status.CANCELLED, error);
        }
        return GrpcErrors.toStatus(error);
    }
}
