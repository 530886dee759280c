package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every value set: helm lint --strict passes, every rendered object (the helm test pod included) parses
 * strictly and survives a create/read round trip through the Fabric8 mock API server, and every pod is
 * locked down, bounded, probed and covered by a NetworkPolicy.
 */
@EnableKubernetesMockClient(crud = true)
class ChartRenderTest {

    /** Env names that would carry credentials; their values must come from Secrets, never literals. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|TOKEN|SECRET|API_?KEY|CREDENTIAL|PRIVATE).*");
    private static final Set<String> OPERATORS = Set.of("trainer-service", "eval-service");

    static KubernetesClient client;

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void lintsStrictlyClean(ValueSet set) {
        LintResult lint = Chart.lint(set);
        assertFalse(lint.isFailed(), () -> set + ": " + lint.getMessages());
        List<String> problems = lint.getMessages().stream().filter(m -> m.contains("[ERROR]") || m.contains("[WARNING]")).toList();
        assertEquals(List.of(), problems, set.toString());
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyObjectParsesStrictlyAndRoundTripsThroughTheApiServer(ValueSet set) {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(set));
        assertTrue(objects.size() > 30, set + " rendered only " + objects.size() + " objects");
        String namespace = set.name().toLowerCase().replace('_', '-');
        Set<String> seen = new HashSet<>();
        for (HasMetadata object : objects) {
            String id = object.getKind() + "/" + object.getMetadata().getName();
            assertTrue(seen.add(id), set + ": " + id + " rendered twice");
            HasMetadata created = client.resource(object).inNamespace(namespace).create();
            assertNotNull(created.getMetadata().getUid(), id);
            HasMetadata read = client.resource(object).inNamespace(namespace).get();
            assertNotNull(read, set + ": " + id + " not found after create");
            assertEquals(withoutServerFields(object), withoutServerFields(read), set + ": " + id + " changed on the server");
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void everyPodIsLockedDownBoundedAndProbed(ValueSet set) {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(set));
        List<PodTemplate> pods = PodTemplate.in(objects);
        assertTrue(pods.size() >= 6, set + ": five services and the helm test pod expected, got " + pods.size());
        Map<String, ConfigMap> configMaps = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        for (PodTemplate pod : pods) {
            String where = set + " " + pod.owner();
            PodSecurityContext podSecurity = pod.spec().getSecurityContext();
            assertNotNull(podSecurity, where + ": no pod securityContext");
            assertEquals(Boolean.TRUE, podSecurity.getRunAsNonRoot(), where + ": runAsNonRoot");
            assertTrue(podSecurity.getRunAsUser() != null && podSecurity.getRunAsUser() > 0, where + ": runAsUser must be a non-root uid");
            assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType(), where + ": seccomp");
            boolean operator = OPERATORS.contains(pod.component());
            assertEquals(operator, Boolean.TRUE.equals(pod.spec().getAutomountServiceAccountToken()),
                    where + ": only the operators mount an API token");
            List<Container> containers = Stream.concat(pod.spec().getContainers().stream(),
                    pod.spec().getInitContainers().stream()).toList();
            for (Container c : containers) {
                String at = where + " container " + c.getName();
                SecurityContext sc = c.getSecurityContext();
                assertNotNull(sc, at + ": no securityContext");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), at + ": allowPrivilegeEscalation");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), at + ": readOnlyRootFilesystem");
                assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), at + ": runAsNonRoot");
                assertNotEquals(Boolean.TRUE, sc.getPrivileged(), at + ": privileged");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), at + ": capabilities.drop");
                assertTrue(sc.getCapabilities().getAdd().isEmpty(), at + ": capabilities.add");
                Map<String, Quantity> limits = c.getResources().getLimits();
                Map<String, Quantity> requests = c.getResources().getRequests();
                assertTrue(limits.containsKey("cpu") && limits.containsKey("memory"), at + ": cpu and memory limits, got " + limits);
                assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), at + ": cpu and memory requests, got " + requests);
                assertImagePinned(at, c.getImage());
                for (EnvVar env : c.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertTrue(env.getValue() == null && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null,
                                at + ": " + env.getName() + " must come from a Secret, not a literal");
                    }
                }
                for (EnvFromSource from : c.getEnvFrom()) {
                    assertTrue(from.getSecretRef() == null || from.getConfigMapRef() != null, at + ": envFrom a whole Secret");
                    ConfigMap cm = configMaps.get(from.getConfigMapRef().getName());
                    assertNotNull(cm, at + ": envFrom names a ConfigMap that is not rendered: " + from.getConfigMapRef().getName());
                    cm.getData().forEach((k, v) -> assertFalse(SECRET_NAME.matcher(k).matches() && !v.isBlank()
                                    && !(k.endsWith("_FILE") && inSecretMount(pod, c, v)),
                            at + ": ConfigMap " + cm.getMetadata().getName() + " holds a credential " + k
                                    + " (only a *_FILE path into a mounted Secret may be named there)"));
                }
                boolean helmTest = "helm-test".equals(pod.component());
                if (!helmTest) {
                    assertNotNull(c.getLivenessProbe(), at + ": livenessProbe");
                    assertNotNull(c.getReadinessProbe(), at + ": readinessProbe");
                }
            }
            assertCoveredByNetworkPolicies(where, pod, objects);
        }
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void onlyTheOperatorsGetApiAccessAndNoWildcards(ValueSet set) {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(set));
        assertTrue(objects.stream().noneMatch(o -> o.getKind().startsWith("Cluster")), set + ": no cluster-wide RBAC");
        assertTrue(objects.stream().noneMatch(o -> o.getKind().equals("Secret")), set + ": the chart must not carry Secrets");
        Set<String> boundAccounts = objects.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .flatMap(b -> b.getSubjects().stream()).map(s -> s.getKind() + "/" + s.getName()).collect(Collectors.toSet());
        assertEquals(Set.of("ServiceAccount/mdfe2-trainer", "ServiceAccount/mdfe2-eval"), boundAccounts, set.toString());
        objects.stream().filter(Role.class::isInstance).map(Role.class::cast).flatMap(r -> r.getRules().stream()).forEach(rule -> {
            assertFalse(rule.getVerbs().contains("*") || rule.getResources().contains("*") || rule.getApiGroups().contains("*"),
                    set + ": wildcard in " + rule);
            assertFalse(rule.getResources().contains("secrets"), set + ": operators never read Secrets: " + rule);
        });
    }

    static void assertImagePinned(String at, String image) {
        assertNotNull(image, at + ": no image");
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (image.contains("@sha256:")) {
            return;
        }
        assertTrue(colon > slash, at + ": image without a tag: " + image);
        String tag = image.substring(colon + 1);
        assertFalse(tag.isBlank() || tag.equals("latest") || tag.startsWith("latest-"), at + ": unpinned image " + image);
    }

    /** Whether {@code path} lies under a mount, in container {@code c}, of a Secret volume of the pod. */
    private static boolean inSecretMount(PodTemplate pod, Container c, String path) {
        Set<String> secretVolumes = pod.spec().getVolumes().stream().filter(v -> v.getSecret() != null)
                .map(v -> v.getName()).collect(Collectors.toSet());
        return c.getVolumeMounts().stream().anyMatch(m -> secretVolumes.contains(m.getName())
                && path.startsWith(m.getMountPath() + "/"));
    }

    /**
     * The pod must be isolated for ingress and egress by the release's default deny, and a component policy
     * (not only the release-wide one) must select it.
     */
    private static void assertCoveredByNetworkPolicies(String where, PodTemplate pod, List<HasMetadata> objects) {
        List<NetworkPolicy> selecting = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(np -> np.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                .filter(np -> pod.labels().entrySet().containsAll(np.getSpec().getPodSelector().getMatchLabels().entrySet()))
                .toList();
        if (selecting.isEmpty()) {
            fail(where + ": no NetworkPolicy selects labels " + pod.labels());
        }
        assertTrue(selecting.stream().anyMatch(np -> np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && np.getSpec().getIngress().isEmpty() && np.getSpec().getEgress().isEmpty()),
                where + ": not isolated by a deny-all policy");
        assertTrue(selecting.stream().anyMatch(np -> np.getSpec().getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/component")),
                where + ": no component NetworkPolicy selects it");
    }

    private static void assertNotEquals(Object unexpected, Object actual, String message) {
        org.junit.jupiter.api.Assertions.assertNotEquals(unexpected, actual, message);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutServerFields(HasMetadata object) {
        Map<String, Object> map = StrictManifests.serialization().convertValue(object, Map.class);
        map.remove("status");
        Map<String, Object> metadata = (Map<String, Object>) map.get("metadata");
        metadata.keySet().retainAll(Set.of("name", "labels", "annotations"));
        return map;
    }
}
