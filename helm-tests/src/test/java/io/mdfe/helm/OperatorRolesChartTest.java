package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.mdfe.k8s.api.rbac.OperatorRoles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chart's operator Roles grant exactly the verbs of {@link OperatorRoles}, the table k8s/rbac/ is generated
 * from and the README lists, with every value set; each is bound to its operator's ServiceAccount.
 */
class OperatorRolesChartTest {

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void chartRolesGrantExactlyTheOperatorTable(ValueSet set) {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(set));
        for (OperatorRoles operator : OperatorRoles.values()) {
            String name = operator.nameIn(Chart.RELEASE);
            Role role = objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                    .filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(set + ": no Role " + name));
            assertEquals(grants(operator.role(name)), grants(role), set + ": Role " + name + " differs from OperatorRoles");
            RoleBinding binding = objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
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
