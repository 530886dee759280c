package io.mdfe.k8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs (k8s/crds/ and the chart's crds/) are exactly what Fabric8's crd-generator produced from
 * the k8s-api classes in this build; {@code tools/update-crds.sh} refreshes them.
 */
class CrdsInSyncTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/crds", "helm/mdfe2/crds"})
    void committedCopyEqualsGeneratedCrds(String dir) throws IOException {
        List<Path> generated = Repo.yamlFiles(Repo.generatedCrds());
        assertFalse(generated.isEmpty(), "the build generated no CRDs into " + Repo.generatedCrds());
        List<Path> committed = Repo.yamlFiles(Repo.root().resolve(dir));
        assertEquals(names(generated), names(committed),
                dir + " holds other files than the generated CRDs; run tools/update-crds.sh");
        for (Path file : generated) {
            assertEquals(Files.readString(file), Files.readString(Repo.root().resolve(dir).resolve(file.getFileName())),
                    dir + "/" + file.getFileName() + " is stale; run tools/update-crds.sh");
        }
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).toList();
    }
}
