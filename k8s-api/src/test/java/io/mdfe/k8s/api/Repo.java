package io.mdfe.k8s.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the tests find the repository's k8s/ files and the CRDs the build generated (set by the pom). */
final class Repo {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("mdfe.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path generatedCrds() {
        return Path.of(System.getProperty("mdfe.generated.crds", "target/crds")).toAbsolutePath();
    }

    /** @return the YAML files directly in a directory, sorted by name */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** @return the example custom resources (files of group mdfe.io) in a directory */
    static List<Path> customResourceExamples(Path dir) {
        return yamlFiles(dir).stream()
                .filter(f -> readYaml(f).path("apiVersion").asText().startsWith("mdfe.io/"))
                .toList();
    }

    /** @return the generated openAPIV3Schema of a kind */
    static JsonNode generatedSchema(String kind) {
        for (Path crd : yamlFiles(generatedCrds())) {
            JsonNode tree = readYaml(crd);
            if (tree.path("spec").path("names").path("kind").asText().equals(kind)) {
                return tree.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            }
        }
        throw new IllegalStateException("no generated CRD for kind " + kind + " in " + generatedCrds());
    }
}
