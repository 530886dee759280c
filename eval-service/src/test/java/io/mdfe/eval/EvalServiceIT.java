package io.mdfe.eval;

import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Runs {@link EvalServiceTest} against the packaged application (`mvn verify`), which consumes and publishes
 * on Kafka: the embedded broker stands in for the cluster.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerResource.class)
class EvalServiceIT extends EvalServiceTest {
}
