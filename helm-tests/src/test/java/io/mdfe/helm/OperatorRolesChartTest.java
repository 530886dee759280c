package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart's operator Roles grant exactly the verbs of {@code k8s/rbac/} (generated from k8s-api's
 * OperatorRoles table, which RbacInSyncTest keeps it equal to, and which the README lists), with every value set;
 * each is bound to its operator's ServiceAccount as there.
 */
class OperatorRolesChartTest {

    private static List<HasMetadata> generated() {
        try (Stream<Path> files = Files.list(Chart.repoRoot().resolve("k8s/rbac"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().flatMap(f -> {
                try {
                    return StrictManifests.parse(Files.readString(f)).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void chartRolesGrantExactlyTheGeneratedRoles(ValueSet set) {
        List<HasMetadata> chart = StrictManifests.parse(Chart.renderWithHooks(set));
        List<Role> expected = generated().stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
        assertEquals(2, expected.size(), "k8s/rbac/ holds the two operators' Roles");
        for (Role want : expected) {
            String name = want.getMetadata().getName();
            Role role = chart.stream().filter(Role.class::isInstance).map(Role.class::cast)
                    .filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(set + ": the chart has no Role " + name));
            assertFalse(grants(want).isEmpty());
            assertEquals(grants(want), grants(role), set + ": the chart's Role " + name + " differs from k8s/rbac/");
            RoleBinding binding = chart.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                    .filter(b -> b.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertEquals(List.of("Role/" + name, "ServiceAccount/" + name), List.of(
                    binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName(),
                    binding.getSubjects().get(0).getKind() + "/" + binding.getSubjects().get(0).getName()));
        }
    }

    /** apiGroup/resource to its verbs, however the rules group them. */
    private static Map<String, Set<String>> grants(Role role) {
        Map<String, Set<String>> grants = new TreeMap<>();
        role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
                grants.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>()).addAll(rule.getVerbs()))));
        return grants;
    }
}
