package io.mdfe.cli.system;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfoGrpc;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks one service, over gRPC (h2c on its HTTP port), for its standard health ({@code grpc.health.v1})
 * and its {@code mdfe.common.v1.ServiceInfo}.
 */
public final class HealthProbe implements AutoCloseable {

    /** What {@link #health()} answers when nothing answers on the port. */
    public static final String UNREACHABLE = "UNREACHABLE";

    /** The status of a service ready for requests. */
    public static final String SERVING = "SERVING";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final ManagedChannel channel;

    /**
     * @param host the service's host
     * @param port its HTTP/gRPC port
     */
    public HealthProbe(String host, int port) {
        this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    }

    /** {@return the overall health status, e.g. SERVING or NOT_SERVING, or {@value #UNREACHABLE}} */
    public String health() {
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus().name();
        } catch (StatusRuntimeException e) {
            return UNREACHABLE;
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
