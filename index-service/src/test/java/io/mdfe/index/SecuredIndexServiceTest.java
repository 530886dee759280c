package io.mdfe.index;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.mdfe.proto.common.ModelRef;
import io.mdfe.proto.index.CreateIndexRequest;
import io.mdfe.proto.index.DeleteRequest;
import io.mdfe.proto.index.IndexServiceGrpc;
import io.mdfe.proto.index.IndexSpec;
import io.mdfe.proto.index.Metric;
import io.mdfe.proto.index.StatsRequest;
import io.mdfe.service.common.security.CallerDirectory;
import io.mdfe.service.common.security.client.ClientSecurity;
import io.mdfe.service.common.security.client.SecureChannels;
import io.mdfe.service.common.testing.TestPki;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * index-service with everything on, as the Helm chart runs it: TLS only on its port, mutual TLS
 * required, bearer-token and certificate identities checked per method. Certificates are made for the
 * test ({@link TestPki}); every call goes through a real grpc-java TLS client.
 */
@QuarkusTest
@TestProfile(SecuredIndexServiceTest.Secured.class)
class SecuredIndexServiceTest {

    private static final String CLIENT_TOKEN = "client-token-0f3a9c";
    private static final String OPERATOR_TOKEN = "operator-token-7be21d";
    private static final Path ROOT = Path.of("target", "secured-index-test").toAbsolutePath();

    /** Certificates, tokens file and identities file, made once before Quarkus starts. */
    public static final class Secured implements QuarkusTestProfile {
        static final TestPki PKI = createPki();

        private static TestPki createPki() {
            try {
                TestPki pki = TestPki.create(ROOT).addClient("ops-bot").addClient("stranger");
                Files.writeString(ROOT.resolve("tokens"), "client reader " + CallerDirectory.sha256Hex(CLIENT_TOKEN)
                        + "\noperator ops " + CallerDirectory.sha256Hex(OPERATOR_TOKEN) + "\n");
                Files.writeString(ROOT.resolve("identities"), "operator ops-bot\n");
                return pki;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "mdfe.tls.enabled", "true",
                    "mdfe.tls.dir", PKI.serverDir().toString(),
                    "mdfe.tls.client-auth", "required",
                    "mdfe.auth.enabled", "true",
                    "mdfe.auth.tokens-file", ROOT.resolve("tokens").toString(),
                    "mdfe.auth.identities-file", ROOT.resolve("identities").toString(),
                    "mdfe.index.state-dir", ROOT.resolve("index-state").toString());
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL secured;

    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(10, SECONDS);
        }
    }

    @Test
    void servesTlsOnly() {
        assertEquals("https", secured.getProtocol());
        assertEquals(Status.Code.UNAVAILABLE, refusal(ClientSecurity.plaintext(), index -> index.stats(stats())));
    }

    @Test
    void refusesCertificatesOfAnotherCaAndConnectionsWithoutOne() {
        assertEquals(Status.Code.UNAVAILABLE,
                refusal(Secured.PKI.client(TestPki.ROGUE_CN, OPERATOR_TOKEN), index -> index.stats(stats())));
        assertEquals(Status.Code.UNAVAILABLE, refusal(Secured.PKI.client(null, OPERATOR_TOKEN), index -> index.stats(stats())));
    }

    @Test
    void healthIsOpen() {
        assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel(Secured.PKI.client("stranger", null)))
                .withDeadlineAfter(30, SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    @Test
    void aCallerWithoutTokenOrKnownCertificateIsUnauthenticated() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub(Secured.PKI.client("stranger", null)).stats(stats()));
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        assertTrue(refused.getStatus().getDescription().startsWith("mdfe.index.v1.IndexService/Stats needs credentials"));
    }

    @Test
    void clientsReadOperatorsAdminister() {
        IndexServiceGrpc.IndexServiceBlockingStub operator = stub(Secured.PKI.client("ops-bot", null));
        IndexServiceGrpc.IndexServiceBlockingStub operatorByToken = stub(Secured.PKI.client("stranger", OPERATOR_TOKEN));
        IndexServiceGrpc.IndexServiceBlockingStub client = stub(Secured.PKI.client("stranger", CLIENT_TOKEN));

        assertEquals("secured", operator.createIndex(create("secured")).getName());
        assertEquals("secured", client.stats(StatsRequest.newBuilder().setName("secured").build()).getName());

        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, () -> client.createIndex(create("mine")));
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertEquals("mdfe.index.v1.IndexService/CreateIndex requires role operator; caller 'reader' has role client",
                denied.getStatus().getDescription());
        assertFalse(denied.getStatus().getDescription().contains(CLIENT_TOKEN));
        StatusRuntimeException notDeleted = assertThrows(StatusRuntimeException.class,
                () -> client.delete(DeleteRequest.newBuilder().setName("secured").build()));
        assertEquals(Status.Code.PERMISSION_DENIED, notDeleted.getStatus().getCode());

        operatorByToken.delete(DeleteRequest.newBuilder().setName("secured").build());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> client.stats(StatsRequest.newBuilder().setName("secured").build())).getStatus().getCode());
    }

    @Test
    void reflectionIsForOperatorsOnly() throws Exception {
        assertEquals(Status.Code.PERMISSION_DENIED,
                ((StatusRuntimeException) assertThrows(ExecutionException.class,
                        () -> listServices(Secured.PKI.client("stranger", CLIENT_TOKEN))).getCause()).getStatus().getCode());
        assertTrue(listServices(Secured.PKI.client("ops-bot", null)).getListServicesResponse().getServiceList().stream()
                .anyMatch(s -> s.getName().equals("mdfe.index.v1.IndexService")));
    }

    private ServerReflectionResponse listServices(ClientSecurity security) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel(security))
                .withDeadlineAfter(30, SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable error) {
                        answer.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("no response"));
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return answer.get(30, SECONDS);
    }

    private Status.Code refusal(ClientSecurity security, Consumer<IndexServiceGrpc.IndexServiceBlockingStub> call) {
        return assertThrows(StatusRuntimeException.class, () -> call.accept(stub(security))).getStatus().getCode();
    }

    private IndexServiceGrpc.IndexServiceBlockingStub stub(ClientSecurity security) {
        return IndexServiceGrpc.newBlockingStub(channel(security)).withDeadlineAfter(30, SECONDS);
    }

    private ManagedChannel channel(ClientSecurity security) {
        ManagedChannel channel = SecureChannels.open("localhost", secured.getPort(), security);
        channels.add(channel);
        return channel;
    }

    private static StatsRequest stats() {
        return StatsRequest.newBuilder().setName("any").build();
    }

    private static CreateIndexRequest create(String name) {
        return CreateIndexRequest.newBuilder().setName(name).setBackend("exact")
                .setSpec(IndexSpec.newBuilder().setModel(ModelRef.newBuilder().setModelId("m").setVersion("1"))
                        .setDim(4).setMetric(Metric.EUCLIDEAN))
                .build();
    }
}
