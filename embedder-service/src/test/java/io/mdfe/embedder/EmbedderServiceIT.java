package io.mdfe.embedder;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link EmbedderServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class EmbedderServiceIT extends EmbedderServiceTest {
}
