package io.mdfe.service.common.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GrpcHealthCheck against real plaintext gRPC servers on free ports. */
class GrpcHealthCheckTest {

    @Test
    void exitsZeroOnlyWhenEveryTargetServesAndSendsTheToken(@TempDir Path dir) throws Exception {
        AtomicReference<String> authorization = new AtomicReference<>();
        Server serving = start(ServingStatus.SERVING, authorization);
        Server notServing = start(ServingStatus.NOT_SERVING, new AtomicReference<>());
        String gone = "127.0.0.1:" + serving.getPort();
        try {
            Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
            String up = "127.0.0.1:" + serving.getPort();
            String down = "127.0.0.1:" + notServing.getPort();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, GrpcHealthCheck.run(new String[] {"--token-file", token.toString(), up}, print(out)));
            assertEquals(up + " SERVING\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("Bearer s3cret", authorization.get());

            out.reset();
            assertEquals(1, GrpcHealthCheck.run(new String[] {up, down}, print(out)));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(down + " NOT_SERVING"), out.toString(StandardCharsets.UTF_8));
        } finally {
            serving.shutdownNow();
            notServing.shutdownNow();
        }
        serving.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, GrpcHealthCheck.run(new String[] {"--timeout-seconds", "2", gone}, print(out)));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith(gone + " UNREACHABLE"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GrpcHealthCheck.run(new String[0], print(new ByteArrayOutputStream())))
                .getMessage().contains("no target"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GrpcHealthCheck.run(new String[] {"localhost"}, print(new ByteArrayOutputStream())))
                .getMessage().contains("localhost"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GrpcHealthCheck.run(new String[] {"--tls-dir"}, print(new ByteArrayOutputStream())))
                .getMessage().contains("--tls-dir"));
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static Server start(ServingStatus status, AtomicReference<String> authorization) throws Exception {
        Metadata.Key<String> key = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        HealthGrpc.HealthImplBase health = new HealthGrpc.HealthImplBase() {
            @Override
            public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                response.onNext(HealthCheckResponse.newBuilder().setStatus(status).build());
                response.onCompleted();
            }
        };
        io.grpc.ServerInterceptor recordToken = new io.grpc.ServerInterceptor() {
            @Override
            public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call, Metadata headers,
                    io.grpc.ServerCallHandler<Q, R> next) {
                authorization.set(headers.get(key));
                return next.startCall(call, headers);
            }
        };
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(health, recordToken)).build().start();
    }
}
