package io.mdfe.cli.system;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfoGrpc;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.mdfe.service.common.security.client.SecureChannels;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks one service, over gRPC on its HTTP port (h2c, or TLS as {@link ClientSecurity} says), for its standard
 * health ({@code grpc.health.v1}) and its {@code mdfe.common.v1.ServiceInfo}.
 */
public final class HealthProbe implements AutoCloseable {

    /** What {@link #health()} answers when nothing answers on the port (or no TLS handshake succeeds). */
    public static final String UNREACHABLE = "UNREACHABLE";

    /** The status of a service ready for requests. */
    public static final String SERVING = "SERVING";

    /** Per call; a port where nothing listens answers at once, but a first TLS handshake can take seconds. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final ManagedChannel channel;

    /**
     * @param host the service's host; with TLS it must be a name of the service's certificate
     * @param port its HTTP/gRPC port
     * @param security plaintext, or TLS with the client certificate and token to present
     */
    public HealthProbe(String host, int port, ClientSecurity security) {
        this.channel = SecureChannels.open(host, port, security);
    }

    /**
     * {@return the overall health status, e.g. SERVING or NOT_SERVING, {@value #UNREACHABLE}, or the refusal's
     * status code (e.g. UNAUTHENTICATED when a token is required and none or a wrong one was sent)}
     */
    public String health() {
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus().name();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED ? UNREACHABLE : code.name();
        }
    }

    /** {@return the service's description, or empty when it does not answer} */
    public Optional<GetInfoResponse> info() {
        try {
            return Optional.of(ServiceInfoGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getInfo(GetInfoRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
