package io.mdfe.k8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What {@code kubectl} sees of the generated CRDs: names, short names, status subresource, printer columns. */
class CrdDefinitionTest {

    private static CustomResourceDefinition crd(String name) throws IOException {
        try (InputStream in = Files.newInputStream(Repo.generatedCrds().resolve(name + "-v1.yml"))) {
            return new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
    }

    private static Set<String> columns(CustomResourceDefinitionVersion version) {
        return version.getAdditionalPrinterColumns().stream().map(CustomResourceColumnDefinition::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void trainingRunIsNamespacedWithStatusShortNamesAndColumns() throws IOException {
        CustomResourceDefinition crd = crd("trainingruns.mdfe.io");
        assertEquals("Namespaced", crd.getSpec().getScope());
        assertEquals(List.of("tr", "trun"), crd.getSpec().getNames().getShortNames());
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
        assertEquals("v1alpha1", v.getName());
        assertNotNull(v.getSubresources().getStatus(), "status subresource");
        assertEquals(Set.of("PHASE", "STEP", "LOSS", "GPUS", "AGE"), columns(v));
        assertEquals(1, v.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getXKubernetesValidations().size(),
                "the exactly-one-config-source rule");
    }

    @Test
    void evaluationIsNamespacedWithStatusShortNamesAndColumns() throws IOException {
        CustomResourceDefinition crd = crd("evaluations.mdfe.io");
        assertEquals(List.of("ev", "mdfeeval"), crd.getSpec().getNames().getShortNames());
        CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
        assertNotNull(v.getSubresources().getStatus(), "status subresource");
        assertEquals(Set.of("PHASE", "MODEL", "R@1", "mMP@5", "AGE"), columns(v));
        assertEquals(List.of("model"), v.getSchema().getOpenAPIV3Schema().getProperties().get("spec").getRequired());
    }

    @Test
    void columnsPointAtFieldsTheSchemaHas() throws IOException {
        for (String name : List.of("trainingruns.mdfe.io", "evaluations.mdfe.io")) {
            CustomResourceDefinitionVersion v = crd(name).getSpec().getVersions().get(0);
            for (CustomResourceColumnDefinition column : v.getAdditionalPrinterColumns()) {
                if (column.getJsonPath().startsWith(".metadata.")) {
                    continue;
                }
                var schema = v.getSchema().getOpenAPIV3Schema();
                for (String part : column.getJsonPath().substring(1).split("\\.")) {
                    schema = schema.getProperties().get(part);
                    assertNotNull(schema, name + " column " + column.getName() + ": no field " + column.getJsonPath());
                }
            }
        }
    }
}
