package io.mdfe.service.common.security;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.mdfe.service.common.security.client.BearerTokenInterceptor;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.inject.Singleton;

/**
 * Sends the service's own bearer token ({@code mdfe.auth.client-token-file}) on every call of its
 * Quarkus gRPC clients; without that key calls go out unchanged (mutual TLS then identifies the
 * service by its certificate's CN).
 */
@Singleton
@GlobalInterceptor
public class ServiceTokenClientInterceptor implements ClientInterceptor {

    private final ClientInterceptor token;

    /**
     * Reads the token file when configured.
     *
     * @param config {@code mdfe.auth.*}
     */
    public ServiceTokenClientInterceptor(AuthConfig config) {
        token = config.clientTokenFile()
                .map(ClientSecurity::tokenFrom)
                .<ClientInterceptor>map(BearerTokenInterceptor::new)
                .orElse(null);
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return token == null ? next.newCall(method, options) : token.interceptCall(method, options, next);
    }
}
