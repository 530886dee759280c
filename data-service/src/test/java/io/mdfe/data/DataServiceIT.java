package io.mdfe.data;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link DataServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class DataServiceIT extends DataServiceTest {
}
