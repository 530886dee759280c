package io.mdfe.service.common.security;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The {@link CallAuthorizer} on every gRPC service of a Quarkus service (health and reflection included)
 * when {@code mdfe.auth.enabled}; otherwise calls pass untouched. Singleton, so broken caller files stop
 * the service when its gRPC server is built, not at the first call.
 */
@Singleton
@GlobalInterceptor
@Priority(AuthorizationInterceptor.PRIORITY)
public class AuthorizationInterceptor implements ServerInterceptor {

    /** High, so unauthorized calls are refused before other interceptors do work for them. */
    public static final int PRIORITY = 10_000;

    private static final Logger LOG = Logger.getLogger(AuthorizationInterceptor.class);

    private final ServerInterceptor check;

    /**
     * Loads the callers when authorization is on.
     *
     * @param config {@code mdfe.auth.*}
     */
    public AuthorizationInterceptor(AuthConfig config) {
        if (config.enabled()) {
            CallerDirectory callers = CallerDirectory.load(config.tokensFile(), config.identitiesFile());
            LOG.infof("gRPC authorization on: %s", callers.summary());
            check = new CallAuthorizer(MethodPermissions.standard(), callers);
        } else {
            check = null;
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return check == null ? next.startCall(call, headers) : check.interceptCall(call, headers, next);
    }
}
