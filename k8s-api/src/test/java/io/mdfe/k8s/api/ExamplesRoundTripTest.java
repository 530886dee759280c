package io.mdfe.k8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mdfe.k8s.api.v1alpha1.Evaluation;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example custom resource survives create and get through the Fabric8 mock API server (CRUD mode; there
 * is no real API server here): every field written in the file comes back unchanged in the Java model.
 */
@EnableKubernetesMockClient(crud = true)
class ExamplesRoundTripTest {

    KubernetesClient client;

    static Stream<Path> validExamples() {
        return ExamplesSchemaTest.validExamples();
    }

    @BeforeEach
    void installCrds() throws IOException {
        for (Path crd : Repo.yamlFiles(Repo.root().resolve("k8s/crds"))) {
            try (InputStream in = Files.newInputStream(crd)) {
                client.resource(new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void exampleRoundTrips(Path example) throws IOException {
        JsonNode written = Repo.readYaml(example);
        JsonNode back = written.path("kind").asText().equals("TrainingRun")
                ? roundTrip(TrainingRun.class, example) : roundTrip(Evaluation.class, example);
        assertContains(written.path("spec"), back.path("spec"), example + ": spec");
    }

    private <T extends HasMetadata> JsonNode roundTrip(Class<T> type, Path example) throws IOException {
        T loaded;
        try (InputStream in = Files.newInputStream(example)) {
            loaded = client.resources(type).load(in).item();
        }
        client.resources(type).inNamespace("test").resource(loaded).create();
        T fetched = client.resources(type).inNamespace("test").withName(loaded.getMetadata().getName()).get();
        assertNotNull(fetched, example.toString());
        return Repo.YAML.valueToTree(fetched);
    }

    /** Asserts every field of {@code expected} is in {@code actual} with the same value (defaults may be added). */
    private static void assertContains(JsonNode expected, JsonNode actual, String where) {
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertContains(e.getValue(), actual.path(e.getKey()), where + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), where);
            for (int i = 0; i < expected.size(); i++) {
                assertContains(expected.get(i), actual.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected.asText(), actual.asText(), where);
        }
    }
}
