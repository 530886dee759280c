package io.mdfe.eval;

import io.mdfe.testing.kafka.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The evaluation tests' profile: both Kafka channels on the real in-process KRaft broker. The gRPC and the
 * Kafka tests share it, so they share one application (and one PyTorch native library load).
 */
public class EvaluationProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.training-events.connector", "smallrye-kafka",
                "mp.messaging.outgoing.evaluation-events.connector", "smallrye-kafka");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }
}
