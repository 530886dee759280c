package io.mdfe.embedder;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.junit.QuarkusTest;

/** Boot test of the embedder-service: gRPC health, reflection, ServiceInfo, /q/health, /q/metrics. */
@QuarkusTest
class EmbedderServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "embedder-service";
    }
}
