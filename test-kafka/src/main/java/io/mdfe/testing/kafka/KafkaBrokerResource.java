package io.mdfe.testing.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource that starts an {@link EmbeddedKafkaBroker} before the application and points
 * {@code kafka.bootstrap.servers} at it, so every SmallRye Kafka channel of the service under test talks
 * to a real broker. The broker is stopped and its data deleted when Quarkus stops the resource.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(KafkaBrokerResource.class)
 * class MyServiceKafkaTest { ... }
 * </pre>
 *
 * <p>A test reaches the broker itself (for a {@link TopicWriter} or {@link TopicReader}) through the config
 * property {@value #BOOTSTRAP_SERVERS}; a field of type {@link EmbeddedKafkaBroker} in the test class receives
 * the broker itself, to {@linkplain EmbeddedKafkaBroker#stop() stop} and {@linkplain EmbeddedKafkaBroker#restart()
 * restart} it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** The property this resource sets, read by Quarkus Kafka clients and available to tests. */
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafkaBroker.start();
        return Map.of(BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.MatchesType(EmbeddedKafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }
}
