package io.mdfe.trainer;

import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Runs {@link TrainerServiceTest} against the packaged application (`mvn verify`), which talks to Kafka (the
 * embedded broker stands in for the cluster) and keeps its state in a temporary directory.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(TrainerStateResource.class)
class TrainerServiceIT extends TrainerServiceTest {
}
