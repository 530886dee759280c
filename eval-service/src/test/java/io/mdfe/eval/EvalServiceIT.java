package io.mdfe.eval;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link EvalServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class EvalServiceIT extends EvalServiceTest {
}
