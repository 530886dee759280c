package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad values fail at install time (values.schema.json, or a template check for what JSON schema cannot
 * express) with a message naming the key, instead of rendering a release that would crash-loop.
 */
class ValuesSchemaTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "typo-key.yaml,                services.embedder: Additional property replica is not allowed",
        "negative-replicas.yaml,       services.data.replicas: Must be greater than or equal to 0",
        "negative-scheduling-deadline.yaml, gpu.trainer.schedulingDeadline: Does not match pattern",
        "gpu-without-node-pool.yaml,   gpu.nodePool.nodeSelector: Must have at least 1 properties",
        "milvus-without-endpoint.yaml, milvus.uri: String length must be greater than or equal to 1",
        "latest-tag.yaml,              image.tag: Must not validate the schema (not)",
        "client-token-bad-key.yaml,    security.auth.clientTokens.eval: Does not match pattern",
        "client-token-unknown-service.yaml, security.auth.clientTokens: Additional property kafka is not allowed",
        "hpa-min-above-max.yaml,       services.embedder.autoscaling.minReplicas must not exceed services.embedder.autoscaling.maxReplicas",
    })
    void rejectedNamingTheKey(String file, String expected) {
        Path values = Chart.repoRoot().resolve("helm-tests/src/test/resources/values/invalid").resolve(file);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(values)));
        assertTrue(error.getMessage().contains(expected), () -> file + " failed with another message:\n" + error.getMessage());
    }
}
