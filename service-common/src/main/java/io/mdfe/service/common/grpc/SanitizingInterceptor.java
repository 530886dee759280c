package io.mdfe.service.common.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every gRPC call of every service ends through {@link GrpcErrors#forClient}: INTERNAL and UNKNOWN statuses
 * leave with a correlation id instead of server paths and exception text, whichever code path produced
 * them (a mapped failure, an exception thrown by a handler, a status built by hand).
 */
@GlobalInterceptor
@ApplicationScoped
public class SanitizingInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                super.close(GrpcErrors.forClient(status, method), trailers);
            }
        }, headers);
    }
}
