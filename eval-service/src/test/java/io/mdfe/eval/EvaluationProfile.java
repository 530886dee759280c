package io.mdfe.eval;

import io.mdfe.testing.kafka.KafkaTestProfile;
import java.util.Map;

/**
 * The evaluation tests' profile: both Kafka channels on the real in-process KRaft broker. The gRPC and the
 * Kafka tests share it, so they share one application (and one PyTorch native library load).
 */
public class EvaluationProfile extends KafkaTestProfile {

    public EvaluationProfile() {
        super(Map.of("mp.messaging.incoming.training-events.connector", "smallrye-kafka",
                "mp.messaging.outgoing.evaluation-events.connector", "smallrye-kafka"));
    }
}
