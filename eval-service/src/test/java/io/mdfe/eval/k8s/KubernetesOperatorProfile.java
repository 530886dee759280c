package io.mdfe.eval.k8s;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** eval-service as the Evaluation operator on the mock API server, its events on the in-memory connector. */
public class KubernetesOperatorProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mdfe.k8s.enabled", "true",
                "mdfe.k8s.resync", "1s",
                "mp.messaging.outgoing.evaluation-events.connector", "smallrye-in-memory");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KubernetesMockServerResource.class));
    }
}
