package io.mdfe.trainer;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.junit.QuarkusTest;

/** Boot test of the trainer-service: gRPC health, reflection, ServiceInfo, /q/health, /q/metrics. */
@QuarkusTest
class TrainerServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "trainer-service";
    }
}
