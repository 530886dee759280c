package io.mdfe.service.common.testing;

import static io.restassured.RestAssured.given;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.mdfe.proto.common.ServiceInfoGrpc;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves a service boots and answers what every MDFE service must: gRPC health, gRPC reflection,
 * ServiceInfo with its own name, {@code /q/health} and {@code /q/metrics}. gRPC calls go through a real
 * grpc-java channel to the port the test instance listens on, as an external client would.
 *
 * <p>A service's test is a subclass annotated {@code @QuarkusTest} that names the service.
 */
public abstract class ServiceBootTest {

    private static final String SERVICE_INFO = "mdfe.common.v1.ServiceInfo";
    private static final long DEADLINE_SECONDS = 10;

    // Resolved after start, so it carries the random port the %test profile asks for.
    @TestHTTPResource("/")
    URL root;

    private ManagedChannel channel;

    /**
     * The name the service under test must report.
     *
     * @return the expected {@code mdfe.service.name}
     */
    protected abstract String expectedServiceName();

    /** @return a plaintext channel to the service under test, open for the current test */
    protected ManagedChannel channel() {
        return channel;
    }

    @BeforeEach
    void openChannel() {
        channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(DEADLINE_SECONDS, SECONDS);
    }

    @Test
    void grpcHealthReportsServerServing() {
        assertEquals(ServingStatus.SERVING, healthOf(""));
    }

    @Test
    void grpcHealthReportsServiceInfoServing() {
        assertEquals(ServingStatus.SERVING, healthOf(SERVICE_INFO));
    }

    @Test
    void serviceInfoAnswersWithOwnIdentity() {
        GetInfoResponse info = ServiceInfoGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS)
                .getInfo(GetInfoRequest.getDefaultInstance());

        assertEquals(expectedServiceName(), info.getServiceName());
        assertTrue(info.getVersion().endsWith("-SNAPSHOT") || info.getVersion().matches("\\d+\\.\\d+\\.\\d+"),
                () -> "version from the build: " + info.getVersion());
        assertTrue(info.getGitCommit().matches("[0-9a-f]{7,40}"), () -> "git commit: " + info.getGitCommit());
        Instant started = Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos());
        assertTrue(started.isBefore(Instant.now()) && started.isAfter(Instant.now().minusSeconds(600)),
                () -> "start time of this test instance: " + started);
    }

    @Test
    void reflectionListsHealthAndServiceInfo() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS)
                .serverReflectionInfo(completing(answer));
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        List<String> services = answer.get(DEADLINE_SECONDS, SECONDS).getListServicesResponse().getServiceList()
                .stream().map(ServiceResponse::getName).toList();
        assertTrue(services.containsAll(List.of(SERVICE_INFO, "grpc.health.v1.Health")), () -> "listed: " + services);
    }

    @Test
    void httpHealthIsUpAndIncludesGrpcServer() {
        given().get("/q/health")
                .then().statusCode(200)
                .body("status", is("UP"))
                .body("checks.name", hasItem("gRPC Server"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    private ServingStatus healthOf(String service) {
        return HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(DEADLINE_SECONDS, SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    /** Completes the future with the first response, or with the stream's error. */
    private static <T> StreamObserver<T> completing(CompletableFuture<T> future) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable error) {
                future.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                future.completeExceptionally(new IllegalStateException("stream ended without a response"));
            }
        };
    }
}
