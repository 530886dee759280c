package io.mdfe.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.StreamObserver;
import io.mdfe.cli.ChildJvm;
import io.mdfe.cli.flow.ServiceCalls;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfoGrpc;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.mdfe.service.common.testing.TestPki;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's gRPC calls ({@code mdfe status}, {@code up}'s health checks, {@code pipeline}) against a service
 * that serves TLS only and wants a bearer token, as the chart deploys them: with {@link ClientSecurity} they get
 * through; plaintext or without the token they are refused, and say so.
 */
class SecureServiceCallsTest {

    private static final String TOKEN = "s3cret-cli-token";

    @TempDir
    static Path tmp;

    private static TestPki pki;
    private static Server server;

    @BeforeAll
    static void startTlsServer() throws Exception {
        pki = TestPki.create(tmp.resolve("pki"));
        Path tls = pki.serverDir();
        server = Grpc.newServerBuilderForPort(0, TlsServerCredentials.create(tls.resolve("tls.crt").toFile(),
                        tls.resolve("tls.key").toFile()))
                .addService(ServerInterceptors.intercept(new HealthGrpc.HealthImplBase() {
                    @Override
                    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
                        response.onNext(HealthCheckResponse.newBuilder()
                                .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
                        response.onCompleted();
                    }
                }, new RequireToken()))
                .addService(ServerInterceptors.intercept(new ServiceInfoGrpc.ServiceInfoImplBase() {
                    @Override
                    public void getInfo(GetInfoRequest request, StreamObserver<GetInfoResponse> response) {
                        response.onNext(GetInfoResponse.newBuilder().setServiceName("index-service").setVersion("9.9.9")
                                .build());
                        response.onCompleted();
                    }
                }, new RequireToken()))
                .build().start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void healthAndInfoNeedTlsAndTheToken() {
        try (HealthProbe secure = new HealthProbe("127.0.0.1", server.getPort(), pki.client(null, TOKEN))) {
            assertEquals(HealthProbe.SERVING, secure.health());
            assertEquals("9.9.9", secure.info().orElseThrow().getVersion());
        }
        try (HealthProbe plain = new HealthProbe("127.0.0.1", server.getPort(), ClientSecurity.plaintext())) {
            assertEquals(HealthProbe.UNREACHABLE, plain.health());
        }
        try (HealthProbe noToken = new HealthProbe("127.0.0.1", server.getPort(), pki.client(null, null))) {
            assertEquals("UNAUTHENTICATED", noToken.health());
            assertTrue(noToken.info().isEmpty());
        }
        try (HealthProbe rogue = new HealthProbe("127.0.0.1", server.getPort(), pki.clientTrustingRogueCa())) {
            assertEquals(HealthProbe.UNREACHABLE, rogue.health(), "a server the CA did not sign is not trusted");
        }
    }

    @Test
    void serviceCallsSendTheTokenOverTlsAndNameARefusal() throws Exception {
        SystemSettings settings = settings(tmp.resolve("calls"));
        try (ServiceCalls calls = new ServiceCalls(settings, pki.client(null, TOKEN))) {
            GetInfoResponse info = calls.call(ServiceName.INDEX, "GetInfo", () -> ServiceInfoGrpc
                    .newBlockingStub(calls.channel(ServiceName.INDEX)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getInfo(GetInfoRequest.getDefaultInstance()));
            assertEquals("index-service", info.getServiceName());
        }
        try (ServiceCalls calls = new ServiceCalls(settings, pki.client(null, null))) {
            ServiceCalls.ServiceCallException e = assertThrows(ServiceCalls.ServiceCallException.class,
                    () -> calls.call(ServiceName.INDEX, "GetInfo", () -> ServiceInfoGrpc
                            .newBlockingStub(calls.channel(ServiceName.INDEX)).withDeadlineAfter(10, TimeUnit.SECONDS)
                            .getInfo(GetInfoRequest.getDefaultInstance())));
            assertTrue(e.getMessage().startsWith("index-service at 127.0.0.1:" + server.getPort()
                    + ": GetInfo refused: UNAUTHENTICATED"), e.getMessage());
            assertTrue(e.getMessage().contains(ClientSecurity.TOKEN_FILE_ENV), e.getMessage());
        }
    }

    /** The real command in a child JVM, secured by the variables the services read. */
    @Test
    void statusReadsTheTlsAndTokenVariables() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("status"));
        settings(dir);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        String secured = status(dir, "MDFE_TLS_ENABLED", "true", "MDFE_TLS_DIR", pki.serverDir().getParent().toString(),
                ClientSecurity.TOKEN_FILE_ENV, tokenFile.toString());
        assertTrue(indexRow(secured).contains(HealthProbe.SERVING) && indexRow(secured).contains("9.9.9"), secured);

        String plain = status(dir);
        assertTrue(indexRow(plain).contains(HealthProbe.UNREACHABLE), plain);

        String missingToken = status(dir, "MDFE_TLS_ENABLED", "true", ClientSecurity.TOKEN_FILE_ENV,
                dir.resolve("no-such-token").toString());
        assertTrue(missingToken.contains("mdfe status: error: token file " + dir.resolve("no-such-token")), missingToken);
        assertFalse(missingToken.contains("service "), "refused before any probe: " + missingToken);
    }

    private static String indexRow(String output) {
        return output.lines().filter(l -> l.startsWith("index-service")).findFirst().orElse("(no index-service row)");
    }

    /** {@code mdfe status --system dir/system.yaml} with {@code env} (name, value, ...); stdout and stderr. */
    private static String status(Path dir, String... env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.mdfe(List.of("-Xmx128m"),
                List.of("status", "--system", dir.resolve("system.yaml").toString())))
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("MDFE_TLS_") || k.startsWith("MDFE_AUTH_"));
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process process = pb.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "mdfe status ends within 60 s");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        return output;
    }

    /** A system.yaml in {@code dir} whose index-service is the test server; the other ports are free. */
    private static SystemSettings settings(Path dir) throws IOException {
        Files.createDirectories(dir);
        String yaml = "host: 127.0.0.1\n"
                + "kafka: {port: " + freePort() + "}\n"
                + "services: {data: {port: " + freePort() + "}, trainer: {port: " + freePort() + "}, embedder: {port: "
                + freePort() + "}, index: {port: " + server.getPort() + "}, eval: {port: " + freePort() + "}}\n"
                + "folders: {home: home}\n";
        Files.writeString(dir.resolve("system.yaml"), yaml);
        return SystemSettings.load(dir.resolve("system.yaml"), dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** UNAUTHENTICATED unless {@code authorization: Bearer TOKEN} came with the call. */
    private static final class RequireToken implements ServerInterceptor {
        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            if (!("Bearer " + TOKEN).equals(headers.get(AUTHORIZATION))) {
                call.close(Status.UNAUTHENTICATED.withDescription("a bearer token is required"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }
}
