package io.mdfe.embedder.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.embedder.batching.EmbedRejectedException;
import io.mdfe.embedder.model.ModelLoadException;
import java.util.concurrent.CompletionException;

/** Maps the service's failures onto gRPC statuses, keeping their messages for the client. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static Throwable toStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof StatusRuntimeException) {
            return cause;
        }
        Status status;
        if (cause instanceof EmbedRejectedException rejected) {
            status = Status.fromCode(rejected.code());
        } else if (cause instanceof ModelLoadException load) {
            status = Status.fromCode(load.code());
        } else if (cause instanceof java.util.concurrent.CancellationException) {
            status = Status.CANCELLED;
        } else {
            status = Status.INTERNAL;
        }
        return status.withDescription(cause.getMessage()).withCause(cause).asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
