package io.mdfe.k8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every custom resource in k8s/examples/ is accepted by the generated CRD schema of its kind; every one in
 * k8s/examples/invalid/ is rejected, naming the field its "# Rejected: FIELD ..." header comment names.
 */
class ExamplesSchemaTest {

    private static final Pattern REJECTED = Pattern.compile("^# Rejected: ([\\w.]+)", Pattern.MULTILINE);

    static Stream<Path> validExamples() {
        return Repo.customResourceExamples(Repo.root().resolve("k8s/examples")).stream();
    }

    static Stream<Path> invalidExamples() {
        return Repo.customResourceExamples(Repo.root().resolve("k8s/examples/invalid")).stream();
    }

    private static List<String> violations(JsonNode resource) {
        return new StructuralSchema(Repo.generatedSchema(resource.path("kind").asText())).violations(resource);
    }

    @Test
    void bothKindsHaveValidAndInvalidExamples() {
        for (Stream<Path> examples : List.of(validExamples(), invalidExamples())) {
            List<String> kinds = examples.map(f -> Repo.readYaml(f).path("kind").asText()).distinct().sorted().toList();
            assertEquals(List.of("Evaluation", "TrainingRun"), kinds);
        }
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void validExampleIsAccepted(Path example) {
        assertEquals(List.of(), violations(Repo.readYaml(example)), example.toString());
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void invalidExampleIsRejectedNamingTheField(Path example) throws IOException {
        Matcher header = REJECTED.matcher(Files.readString(example));
        assertTrue(header.find(), example + " lacks its '# Rejected: FIELD' header");
        String field = header.group(1);
        List<String> violations = violations(Repo.readYaml(example));
        assertFalse(violations.isEmpty(), example + " was accepted");
        assertTrue(violations.stream().allMatch(v -> v.startsWith(field + ": ")),
                example + ": expected violations of " + field + " only, got " + violations);
    }
}
