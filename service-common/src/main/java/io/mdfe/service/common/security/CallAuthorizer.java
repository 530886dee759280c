package io.mdfe.service.common.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.logging.Logger;

/**
 * Checks every call against the permission table: who calls (a bearer token, else the client
 * certificate's CN) and whether the caller's role allows the method. A call without a known caller
 * ends UNAUTHENTICATED, one with too small a role PERMISSION_DENIED naming the method and the role it
 * needs; no message repeats a token. The caller is in {@link #CALLER} for the service.
 */
public final class CallAuthorizer implements ServerInterceptor {

    /** The authenticated caller of the current call (absent for open methods). */
    public static final Context.Key<Caller> CALLER = Context.key("mdfe-caller");
    /** The metadata key of {@code authorization: Bearer <token>}. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final Logger LOG = Logger.getLogger(CallAuthorizer.class);
    private static final String BEARER = "bearer ";
    /** Longer values are not tokens this service issued; refused before hashing. */
    private static final int MAX_TOKEN_CHARS = 4096;

    private final MethodPermissions permissions;
    private final CallerDirectory callers;

    /**
     * Creates the check.
     *
     * @param permissions what each method needs
     * @param callers the known tokens and certificate identities
     */
    public CallAuthorizer(MethodPermissions permissions, CallerDirectory callers) {
        this.permissions = permissions;
        this.callers = callers;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Access> access = permissions.accessFor(method);
        if (access.isEmpty()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(
                    method + " has no entry in the permission table, so nobody may call it"));
        }
        if (access.get() == Access.OPEN) {
            return next.startCall(call, headers);
        }
        Caller caller;
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || authorization.length() - BEARER.length() > MAX_TOKEN_CHARS) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(
                        "the authorization metadata of a call to " + method + " must be 'Bearer <token>'"));
            }
            Optional<Caller> byToken = callers.byToken(authorization.substring(BEARER.length()).strip());
            if (byToken.isEmpty()) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(
                        "the bearer token of a call to " + method + " is not known"));
            }
            caller = byToken.get();
        } else {
            Optional<Caller> byCertificate = peerCertificate(call).flatMap(callers::byCertificate);
            if (byCertificate.isEmpty()) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription(method
                        + " needs credentials: 'authorization: Bearer <token>' metadata or a client certificate"
                        + " whose CN is a known identity"));
            }
            caller = byCertificate.get();
        }
        if (!caller.role().allows(access.get())) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription(method + " requires role "
                    + access.get().label() + "; caller '" + caller.name() + "' has role " + caller.role().label()));
        }
        Context context = Context.current().withValue(CALLER, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static Optional<X509Certificate> peerCertificate(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate own ? Optional.of(own) : Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        // Debug only: a hostile client must not be able to flood the log.
        LOG.debugf("refused %s: %s", status.getCode().name().toLowerCase(Locale.ROOT), status.getDescription());
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
