package io.mdfe.service.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.common.GetInfoRequest;
import io.mdfe.proto.common.GetInfoResponse;
import io.quarkus.grpc.GrpcService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceInfoGrpcServiceTest {

    @Inject
    @GrpcService
    ServiceInfoGrpcService service;

    @Test
    void reportsConfiguredNameAndDetails() {
        GetInfoResponse info = service.getInfo(GetInfoRequest.getDefaultInstance())
                .await().atMost(Duration.ofSeconds(5));

        assertEquals("service-common-test", info.getServiceName());
        assertEquals(Map.of("role", "library-self-test", "region", "nowhere"), info.getDetailsMap());
        // The commit the build recorded (parent pom, exec-maven-plugin git-commit): this library records none
        // itself, but mdfe-core, a dependency since PathPolicy, does for bundle provenance.
        assertTrue(info.getGitCommit().matches("[0-9a-f]{7,40}|" + BuildInfo.UNKNOWN), info.getGitCommit());
    }
}
