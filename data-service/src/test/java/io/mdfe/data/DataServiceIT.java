package io.mdfe.data;

import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Runs {@link DataServiceTest} against the packaged application (`mvn verify`), which publishes to Kafka:
 * the embedded broker stands in for the cluster.
 */
@QuarkusIntegrationTest
@WithTestResource(KafkaBrokerResource.class)
class DataServiceIT extends DataServiceTest {
}
