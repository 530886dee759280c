package io.mdfe.eval.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.eval.job.QueueFullException;

/** Maps the service's failures onto gRPC statuses, keeping their messages for the client. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static Throwable toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        Status status;
        if (failure instanceof RequestException request) {
            status = switch (request.reason()) {
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            };
        } else if (failure instanceof QueueFullException) {
            status = Status.RESOURCE_EXHAUSTED;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(failure.getMessage()).withCause(failure).asRuntimeException();
    }

    static StatusRuntimeException unknownEvaluation(String id) {
        return Status.NOT_FOUND.withDescription("evaluation_id: no evaluation '" + id + "'").asRuntimeException();
    }
}
