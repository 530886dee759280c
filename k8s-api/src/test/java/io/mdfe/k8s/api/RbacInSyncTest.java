package io.mdfe.k8s.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.mdfe.k8s.api.rbac.OperatorRoles;
import io.mdfe.k8s.api.rbac.RoleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code k8s/rbac/} files are exactly what {@link RoleFiles} generates from {@link OperatorRoles}
 * ({@code tools/update-rbac.sh} refreshes them), they load as a Role and its RoleBinding, and the table grants
 * no wildcard and nothing cluster-wide.
 */
@EnableKubernetesMockClient(crud = true)
class RbacInSyncTest {

    KubernetesClient client;

    @Test
    void committedRoleFilesEqualTheGeneratedOnes() throws IOException {
        Path dir = Repo.root().resolve(RoleFiles.DIR);
        assertEquals(Arrays.stream(OperatorRoles.values()).map(OperatorRoles::fileName).sorted().toList(),
                Repo.yamlFiles(dir).stream().map(f -> f.getFileName().toString()).toList(),
                RoleFiles.DIR + " holds other files than the generated Roles; run tools/update-rbac.sh");
        for (OperatorRoles operator : OperatorRoles.values()) {
            assertEquals(RoleFiles.content(operator), Files.readString(dir.resolve(operator.fileName())),
                    RoleFiles.DIR + "/" + operator.fileName() + " is stale; run tools/update-rbac.sh");
        }
    }

    @Test
    void eachFileIsARoleAndItsBindingThatTheApiServerAccepts() throws IOException {
        for (OperatorRoles operator : OperatorRoles.values()) {
            List<HasMetadata> objects = client.load(Files.newInputStream(Repo.root().resolve(RoleFiles.DIR)
                    .resolve(operator.fileName()))).items();
            assertEquals(List.of("Role", "RoleBinding"), objects.stream().map(HasMetadata::getKind).toList());
            objects.forEach(o -> client.resource(o).create());
            Role role = client.rbac().roles().withName(operator.nameIn(RoleFiles.RELEASE)).get();
            assertEquals(operator.grants().size(), role.getRules().size());
        }
    }

    @Test
    void noWildcardsAndEveryGrantSaysWhy() {
        Set<String> known = Set.of("get", "list", "watch", "create", "update", "patch", "delete");
        for (OperatorRoles operator : OperatorRoles.values()) {
            operator.grants().forEach(g -> {
                assertTrue(known.containsAll(g.verbs()), g.toString());
                assertTrue(!g.resource().contains("*") && !g.apiGroup().contains("*"), g.toString());
                assertTrue(!g.why().isBlank(), g.toString());
            });
            assertEquals(operator.grants().size(), operator.grants().stream().map(g -> g.apiGroup() + "/" + g.resource())
                    .collect(Collectors.toSet()).size(), "one rule per resource");
        }
    }
}
