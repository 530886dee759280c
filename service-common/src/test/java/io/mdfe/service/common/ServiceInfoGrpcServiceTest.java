package io.mdfe.service.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        // Only the services record a commit (parent pom, exec-maven-plugin git-commit); this library does not.
        assertEquals(BuildInfo.UNKNOWN, info.getGitCommit());
    }
}
