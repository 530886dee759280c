package io.mdfe.index;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link IndexServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class IndexServiceIT extends IndexServiceTest {
}
