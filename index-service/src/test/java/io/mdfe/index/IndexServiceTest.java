package io.mdfe.index;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.junit.QuarkusTest;

/** Boot test of the index-service: gRPC health, reflection, ServiceInfo, /q/health, /q/metrics. */
@QuarkusTest
class IndexServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "index-service";
    }
}
