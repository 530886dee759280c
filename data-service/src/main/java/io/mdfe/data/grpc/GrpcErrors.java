package io.mdfe.data.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.data.catalog.CatalogException;
import io.mdfe.data.events.EventPublishException;

/** Maps the service's failures onto gRPC statuses, keeping their messages for the client. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        Status status;
        if (failure instanceof CatalogException catalog) {
            status = switch (catalog.reason()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            };
        } else if (failure instanceof EventPublishException) {
            // The client may retry; the broker being away is transient.
            status = Status.UNAVAILABLE;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(failure.getMessage()).withCause(failure).asRuntimeException();
    }
}
