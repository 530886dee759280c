package io.mdfe.service.common.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.mdfe.core.io.PathDeniedException;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfoGrpc;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real gRPC server and client (Netty, a free port) with the interceptor every service installs. */
class SanitizingInterceptorTest {

    private static final String SERVER_PATH = "/var/lib/mdfe/secret/state.json";

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.format(record.getMessage(), record.getParameters()));
            for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
                line.append(" cause: ").append(cause);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private volatile Supplier<RuntimeException> failure;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        Logger.getLogger(GrpcErrors.class.getName()).addHandler(capture);
        ServiceInfoGrpc.ServiceInfoImplBase failing = new ServiceInfoGrpc.ServiceInfoImplBase() {
            @Override
            public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> observer) {
                observer.onError(GrpcErrors.toStatus(failure.get()));
            }
        };
        server = NettyServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(failing, new SanitizingInterceptor())).build().start();
        channel = NettyChannelBuilder.forAddress("localhost", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() {
        Logger.getLogger(GrpcErrors.class.getName()).removeHandler(capture);
        channel.shutdownNow();
        server.shutdownNow();
    }

    @Test
    void internalFailuresReachTheClientAsACorrelationIdAndTheLogWithTheCause() {
        failure = () -> new UncheckedIOException("could not save", new NoSuchFileException(SERVER_PATH));
        StatusRuntimeException seen = call();
        assertEquals(Status.Code.INTERNAL, seen.getStatus().getCode());
        String description = seen.getStatus().getDescription();
        assertTrue(description.startsWith(GrpcErrors.INTERNAL_MESSAGE), description);
        assertFalse(description.contains("/var/lib") || description.contains("save"), description);
        String id = description.substring(GrpcErrors.INTERNAL_MESSAGE.length());
        assertEquals(36, id.length(), id);
        assertTrue(logged.stream().anyMatch(line -> line.contains(id) && line.contains(SERVER_PATH)), logged.toString());
    }

    @Test
    void unknownStatusesAreSanitizedToo() {
        failure = () -> new StatusRuntimeException(Status.UNKNOWN.withDescription("boom at " + SERVER_PATH));
        StatusRuntimeException seen = call();
        assertEquals(Status.Code.UNKNOWN, seen.getStatus().getCode());
        assertFalse(seen.getStatus().getDescription().contains(SERVER_PATH));
    }

    @Test
    void chosenStatusesKeepTheirMessageAndPathRefusalsArePermissionDenied() {
        failure = () -> ServiceException.invalidArgument("k: 0 must be >= 1");
        assertEquals("k: 0 must be >= 1", call().getStatus().getDescription());
        failure = () -> new PathDeniedException("bundle_uri: '/etc' is not inside the allowed roots (x)");
        StatusRuntimeException denied = call();
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertTrue(denied.getStatus().getDescription().startsWith("bundle_uri: "));
        assertTrue(logged.isEmpty(), logged.toString());
    }

    private StatusRuntimeException call() {
        return assertThrows(StatusRuntimeException.class,
                () -> ServiceInfoGrpc.newBlockingStub(channel).getInfo(GetInfoRequest.getDefaultInstance()));
    }
}
