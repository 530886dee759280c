package io.mdfe.eval;

import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.junit.QuarkusTest;

/** Boot test of the eval-service: gRPC health, reflection, ServiceInfo, /q/health, /q/metrics. */
@QuarkusTest
class EvalServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "eval-service";
    }
}
