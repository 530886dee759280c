package io.mdfe.trainer.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.trainer.TrainerException;

/** Maps the service's failures onto gRPC statuses, keeping their messages (which name the field) for the client. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        Status status = Status.INTERNAL;
        if (failure instanceof TrainerException trainer) {
            status = switch (trainer.reason()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            };
        }
        return status.withDescription(failure.getMessage()).withCause(failure).asRuntimeException();
    }
}
