package io.mdfe.data;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.junit.QuarkusTest;

/** Boot test of the data-service: gRPC health, reflection, ServiceInfo, /q/health, /q/metrics. */
@QuarkusTest
class DataServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "data-service";
    }
}
