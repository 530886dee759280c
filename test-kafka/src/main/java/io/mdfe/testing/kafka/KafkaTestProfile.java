package io.mdfe.testing.kafka;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A Quarkus test profile on the embedded broker: it starts {@link KafkaBrokerResource} and applies the
 * service's overrides, typically switching its channels from the in-memory connector to
 * {@code smallrye-kafka}. A test declares its profile as a subclass that passes those overrides.
 */
public abstract class KafkaTestProfile implements QuarkusTestProfile {

    private final Map<String, String> configOverrides;

    /** @param configOverrides the config the service under test runs with, beyond the broker's address */
    protected KafkaTestProfile(Map<String, String> configOverrides) {
        this.configOverrides = Map.copyOf(configOverrides);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return configOverrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class));
    }
}
