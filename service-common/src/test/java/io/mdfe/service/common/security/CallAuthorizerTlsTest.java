package io.mdfe.service.common.security;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.DeleteResponse;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.IndexStats;
import io.mdfe.proto.index.StatsRequest;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.mdfe.service.common.security.client.SecureChannels;
import io.mdfe.service.common.testing.TestPki;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorizer on a real grpc-java server with mutual TLS (certificates made in the test), called
 * through {@link SecureChannels} as the CLI would: transport refusals, identities by token and by
 * certificate CN, and the role check. The Quarkus wiring is tested in index-service.
 */
class CallAuthorizerTlsTest {

    private static final String CLIENT_TOKEN = "reader-token-5f1c";
    private static final String OPERATOR_TOKEN = "operator-token-9a7e";
    private static final String CREATE = "mdfe.index.v1.IndexService/CreateIndex";

    @TempDir
    static Path dir;
    private static TestPki pki;
    private static Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    /** Answers with the caller the authorizer put in the context, so tests see who was identified. */
    private static final class CallerEcho extends IndexServiceGrpc.IndexServiceImplBase {
        @Override
        public void stats(StatsRequest request, StreamObserver<IndexStats> answer) {
            answer.onNext(IndexStats.newBuilder().setName(CallAuthorizer.CALLER.get().name()).build());
            answer.onCompleted();
        }

        @Override
        public void createIndex(CreateIndexRequest request, StreamObserver<IndexStats> answer) {
            answer.onNext(IndexStats.newBuilder().setName(request.getName()).build());
            answer.onCompleted();
        }

        @Override
        public void delete(DeleteRequest request, StreamObserver<DeleteResponse> answer) {
            answer.onNext(DeleteResponse.getDefaultInstance());
            answer.onCompleted();
        }
    }

    private static final class AlwaysServing extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
            answer.onNext(HealthCheckResponse.newBuilder().setStatus(ServingStatus.SERVING).build());
            answer.onCompleted();
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        pki = TestPki.create(dir).addClient("reader").addClient("ops-bot").addClient("stranger");
        CallerDirectory callers = CallerDirectory.parse(
                List.of("client reader-app " + CallerDirectory.sha256Hex(CLIENT_TOKEN),
                        "operator ops " + CallerDirectory.sha256Hex(OPERATOR_TOKEN)), "tokens",
                List.of("client reader", "operator ops-bot"), "identities");
        CallAuthorizer authorizer = new CallAuthorizer(MethodPermissions.standard(), callers);
        Path tls = pki.serverDir();
        server = Grpc.newServerBuilderForPort(0, TlsServerCredentials.newBuilder()
                        .keyManager(tls.resolve("tls.crt").toFile(), tls.resolve("tls.key").toFile())
                        .trustManager(tls.resolve("ca.crt").toFile())
                        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
                        .build())
                .addService(ServerInterceptors.intercept(new CallerEcho(), authorizer))
                .addService(ServerInterceptors.intercept(new AlwaysServing(), authorizer))
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, SECONDS);
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, SECONDS);
        }
    }

    @Test
    void plaintextIsRefused() {
        assertRefusedByTransport(ClientSecurity.plaintext());
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() {
        assertRefusedByTransport(pki.client(TestPki.ROGUE_CN, OPERATOR_TOKEN));
    }

    @Test
    void noClientCertificateIsRefusedUnderMutualTls() {
        assertRefusedByTransport(pki.client(null, OPERATOR_TOKEN));
    }

    @Test
    void aServerFromAnotherCaIsRefusedByTheClient() {
        assertRefusedByTransport(pki.clientTrustingRogueCa());
    }

    @Test
    void healthIsOpenToAnUnknownCaller() {
        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel(pki.client("stranger", null)))
                .withDeadlineAfter(10, SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void anUnknownCallerWithoutTokenIsUnauthenticated() {
        StatusRuntimeException refused = call(pki.client("stranger", null), index -> index.stats(stats()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("mdfe.index.v1.IndexService/Stats needs credentials"),
                refused.getStatus().getDescription());
    }

    @Test
    void anUnknownOrMalformedTokenIsUnauthenticatedAndNotEchoed() {
        StatusRuntimeException unknown = call(pki.client("ops-bot", "guessed-token"), index -> index.stats(stats()));
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.getStatus().getCode(), "a wrong token beats a good certificate");
        assertFalse(unknown.getStatus().getDescription().contains("guessed-token"));

        Metadata basic = new Metadata();
        basic.put(CallAuthorizer.AUTHORIZATION, "Basic " + OPERATOR_TOKEN);
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> IndexServiceGrpc
                .newBlockingStub(channel(pki.client("ops-bot", null)))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(basic))
                .withDeadlineAfter(10, SECONDS).stats(stats()));
        assertEquals(Status.Code.UNAUTHENTICATED, malformed.getStatus().getCode());
        assertEquals("the authorization metadata of a call to mdfe.index.v1.IndexService/Stats must be 'Bearer <token>'",
                malformed.getStatus().getDescription());
    }

    @Test
    void aClientTokenReadsButCannotCallAdminMethods() {
        ClientSecurity reader = pki.client("stranger", CLIENT_TOKEN);
        assertEquals("reader-app", stub(reader).stats(stats()).getName());

        StatusRuntimeException denied = call(reader, index -> index.createIndex(create()));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals(CREATE + " requires role operator; caller 'reader-app' has role client",
                denied.getStatus().getDescription());
        assertFalse(denied.getStatus().getDescription().contains(CLIENT_TOKEN));
    }

    @Test
    void anOperatorTokenCallsAdminMethods() {
        ClientSecurity operator = pki.client("stranger", OPERATOR_TOKEN);
        assertEquals("made", stub(operator).createIndex(create()).getName());
        assertEquals("ops", stub(operator).stats(stats()).getName());
    }

    @Test
    void certificateCnsAreIdentitiesToo() {
        assertEquals("ops-bot", stub(pki.client("ops-bot", null)).stats(stats()).getName());
        stub(pki.client("ops-bot", null)).delete(DeleteRequest.newBuilder().setName("made").build());

        assertEquals("reader", stub(pki.client("reader", null)).stats(stats()).getName());
        StatusRuntimeException denied = call(pki.client("reader", null),
                index -> index.delete(DeleteRequest.newBuilder().setName("made").build()));
        assertEquals("mdfe.index.v1.IndexService/Delete requires role operator; caller 'reader' has role client",
                denied.getStatus().getDescription());
    }

    private void assertRefusedByTransport(ClientSecurity security) {
        StatusRuntimeException refused = call(security, index -> index.stats(stats()));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
    }

    private StatusRuntimeException call(ClientSecurity security, Consumer<IndexServiceGrpc.IndexServiceBlockingStub> call) {
        return assertThrows(StatusRuntimeException.class, () -> call.accept(stub(security)));
    }

    private IndexServiceGrpc.IndexServiceBlockingStub stub(ClientSecurity security) {
        return IndexServiceGrpc.newBlockingStub(channel(security)).withDeadlineAfter(10, SECONDS);
    }

    private ManagedChannel channel(ClientSecurity security) {
        ManagedChannel channel = SecureChannels.open("localhost", server.getPort(), security);
        channels.add(channel);
        return channel;
    }

    private static StatsRequest stats() {
        return StatsRequest.newBuilder().setName("any").build();
    }

    private static CreateIndexRequest create() {
        return CreateIndexRequest.newBuilder().setName("made").setBackend("exact").build();
    }
}
