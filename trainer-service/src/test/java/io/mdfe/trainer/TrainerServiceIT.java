package io.mdfe.trainer;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Runs {@link TrainerServiceTest} against the packaged application (`mvn verify`). */
@QuarkusIntegrationTest
class TrainerServiceIT extends TrainerServiceTest {
}
