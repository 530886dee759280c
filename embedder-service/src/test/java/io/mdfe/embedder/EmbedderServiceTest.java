package io.mdfe.embedder;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Boot test of the embedder-service: gRPC health, reflection, ServiceInfo, /q/health (UP: the initial
 * bundle is served), /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(EmbedderTestResource.class)
class EmbedderServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "embedder-service";
    }
}
