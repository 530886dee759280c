package io.mdfe.service.common.security.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.mdfe.service.common.security.CallAuthorizer;

/** Sends {@code authorization: Bearer <token>} with every call. Its toString never shows the token. */
public final class BearerTokenInterceptor implements ClientInterceptor {

    private final String value;

    /**
     * Creates the interceptor.
     *
     * @param token the raw token (the tokens file on the server holds its SHA-256)
     */
    public BearerTokenInterceptor(String token) {
        if (token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
        }
        this.value = "Bearer " + token;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(CallAuthorizer.AUTHORIZATION, value);
                super.start(listener, headers);
            }
        };
    }

    @Override
    public String toString() {
        return "BearerTokenInterceptor[token hidden]";
    }
}
