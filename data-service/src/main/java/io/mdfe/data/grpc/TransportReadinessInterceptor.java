package io.mdfe.data.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives each call a {@link TransportReadiness} in its gRPC {@link Context} and forwards the call's
 * {@code onReady} to it, so a Mutiny server stream can follow gRPC flow control.
 */
@ApplicationScoped
public class TransportReadinessInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        TransportReadiness readiness = new TransportReadiness(call::isReady);
        Context context = Context.current().withValue(TransportReadiness.KEY, readiness);
        return new SimpleForwardingServerCallListener<>(Contexts.interceptCall(context, call, headers, next)) {
            @Override
            public void onReady() {
                readiness.signalReady();
                super.onReady();
            }
        };
    }
}
