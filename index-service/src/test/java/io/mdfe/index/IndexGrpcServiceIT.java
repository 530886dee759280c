package io.mdfe.index;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link IndexGrpcServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class IndexGrpcServiceIT extends IndexGrpcServiceTest {
}
