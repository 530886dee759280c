package io.mdfe.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each value set switches on shows up in the rendered objects. */
class ValueSetFeaturesTest {

    private static final Map<String, Integer> PORTS = Map.of("data", 8081, "trainer", 8082, "embedder", 8083, "index", 8084, "eval", 8085);

    @Test
    void defaultsServeTlsWithTokensProbeQHealthOverHttpsAndShareOneRwxVolume() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.DEFAULT));
        String appVersion = System.getProperty("mdfe.project.version");
        PORTS.forEach((key, port) -> {
            Container c = container(objects, "mdfe2-" + key);
            assertEquals(port, c.getPorts().get(0).getContainerPort(), key);
            assertEquals("ghcr.io/mdfe/mdfe-" + key + "-service:" + appVersion, c.getImage());
            Probe readiness = c.getReadinessProbe();
            assertEquals("HTTPS", readiness.getHttpGet().getScheme(), key + ": TLS needs the /q/health fallback");
            assertEquals("/q/health/ready", readiness.getHttpGet().getPath());
            assertEquals("/q/health/live", c.getLivenessProbe().getHttpGet().getPath());
            Set<String> mounts = c.getVolumeMounts().stream().map(m -> m.getMountPath()).collect(Collectors.toSet());
            assertTrue(mounts.containsAll(Set.of("/tmp", "/mdfe", "/etc/mdfe/tls", "/etc/mdfe/auth")), key + ": " + mounts);
            Map<String, String> env = configMap(objects, "mdfe2-" + key).getData();
            assertEquals("true", env.get("MDFE_TLS_ENABLED"));
            assertEquals("true", env.get("MDFE_AUTH_ENABLED"));
            assertNull(env.get("MDFE_TLS_CLIENT_AUTH"), "no mutual TLS by default");
            assertEquals("kafka-kafka-bootstrap.kafka.svc:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals("/mdfe/data", env.get("MDFE_DATA_ROOT"));
        });
        PersistentVolumeClaim pvc = find(objects, PersistentVolumeClaim.class, "mdfe2-artifacts");
        assertEquals(List.of("ReadWriteMany"), pvc.getSpec().getAccessModes());
        assertNull(find(objects, Deployment.class, "mdfe2-embedder").getSpec().getReplicas(), "the HPA owns the embedder's replicas");
        assertEquals(2, find(objects, HorizontalPodAutoscaler.class, "mdfe2-embedder").getSpec().getMinReplicas());
        assertEquals("0", configMap(objects, "mdfe2-trainer").getData().get("MDFE_TRAINER_KUBERNETES_GPUS"));

        Pod test = find(objects, Pod.class, "mdfe2-test-grpc-health");
        List<String> args = test.getSpec().getContainers().get(0).getArgs();
        assertEquals(List.of("--tls-dir", "/etc/mdfe/tls", "mdfe2-data:8081", "mdfe2-embedder:8083", "mdfe2-eval:8085",
                "mdfe2-index:8084", "mdfe2-trainer:8082"), args);
        Map<String, String> testLabels = test.getMetadata().getLabels();
        PORTS.forEach((key, port) -> {
            NetworkPolicy np = find(objects, NetworkPolicy.class, "mdfe2-" + key);
            assertTrue(np.getSpec().getIngress().stream().anyMatch(rule -> port.equals(rule.getPorts().get(0).getPort().getIntVal())
                    && rule.getFrom().stream().anyMatch(peer -> peer.getPodSelector() != null
                            && testLabels.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet()))),
                    key + ": the helm test pod must be let in");
        });
    }

    /** With auth on, eval-service authenticates its index-service calls with its own token from the auth Secret. */
    @Test
    void evalServiceGetsItsClientTokenForIndexServiceCallsOnlyWhenAuthIsOn() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.DEFAULT));
        Deployment eval = find(objects, Deployment.class, "mdfe2-eval");
        Volume volume = eval.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("client-token")).findFirst().orElseThrow();
        assertEquals("mdfe2-auth", volume.getSecret().getSecretName());
        assertEquals(List.of(new KeyToPath("eval-service-token", null, "token")), volume.getSecret().getItems());
        assertTrue(container(objects, "mdfe2-eval").getVolumeMounts().stream().anyMatch(m -> m.getName().equals("client-token")
                && m.getMountPath().equals("/etc/mdfe/client-token") && Boolean.TRUE.equals(m.getReadOnly())));
        assertEquals("/etc/mdfe/client-token/token", configMap(objects, "mdfe2-eval").getData().get("MDFE_AUTH_CLIENT_TOKEN_FILE"));
        for (String key : List.of("data", "trainer", "embedder", "index")) {
            assertNull(configMap(objects, "mdfe2-" + key).getData().get("MDFE_AUTH_CLIENT_TOKEN_FILE"), key);
            assertTrue(container(objects, "mdfe2-" + key).getVolumeMounts().stream()
                    .noneMatch(m -> m.getName().equals("client-token")), key + " calls no service");
        }

        List<HasMetadata> plain = StrictManifests.parse(Chart.renderWithHooks(ValueSet.DEV_KAFKA));
        assertNull(configMap(plain, "mdfe2-eval").getData().get("MDFE_AUTH_CLIENT_TOKEN_FILE"), "auth off: no token");
        assertTrue(container(plain, "mdfe2-eval").getVolumeMounts().stream().noneMatch(m -> m.getName().equals("client-token")));
    }

    @Test
    void devKafkaRunsAKraftBrokerAndPlaintextServicesUseNativeGrpcProbes() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.DEV_KAFKA));
        StatefulSet kafka = find(objects, StatefulSet.class, "mdfe2-kafka");
        assertEquals("apache/kafka:4.1.2", kafka.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        PORTS.forEach((key, port) -> {
            Container c = container(objects, "mdfe2-" + key);
            assertEquals(port, c.getReadinessProbe().getGrpc().getPort(), key + ": native gRPC probe on the service port");
            assertEquals(port, c.getLivenessProbe().getGrpc().getPort());
            assertEquals("mdfe2-kafka:9092", configMap(objects, "mdfe2-" + key).getData().get("KAFKA_BOOTSTRAP_SERVERS"));
            assertTrue(c.getVolumeMounts().stream().noneMatch(m -> m.getMountPath().matches("/etc/mdfe/(tls|auth)")), key);
        });
        NetworkPolicy data = find(objects, NetworkPolicy.class, "mdfe2-data");
        assertTrue(data.getSpec().getEgress().stream().anyMatch(e -> e.getPorts().get(0).getPort().getIntVal() == 9092
                && "kafka".equals(e.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))));
        NetworkPolicy broker = find(objects, NetworkPolicy.class, "mdfe2-kafka");
        Set<String> kafkaClients = broker.getSpec().getIngress().get(0).getFrom().stream()
                .map(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component")).collect(Collectors.toSet());
        assertEquals(Set.of("data-service", "trainer-service", "embedder-service", "eval-service"), kafkaClients);
    }

    @Test
    void gpuClusterPutsTrainerJobsAndTheEmbedderOnTheGpuPool() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.GPU_CLUSTER));
        Deployment embedder = find(objects, Deployment.class, "mdfe2-embedder");
        Container c = embedder.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(new Quantity("1"), c.getResources().getLimits().get("nvidia.com/gpu"));
        assertTrue(c.getImage().endsWith("-gpu"), c.getImage());
        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"), embedder.getSpec().getTemplate().getSpec().getNodeSelector());
        assertEquals("nvidia.com/gpu", embedder.getSpec().getTemplate().getSpec().getTolerations().get(0).getKey());
        assertEquals(Map.of(), find(objects, Deployment.class, "mdfe2-data").getSpec().getTemplate().getSpec().getNodeSelector(),
                "CPU services stay off the GPU pool");
        Map<String, String> trainer = configMap(objects, "mdfe2-trainer").getData();
        assertEquals("1", trainer.get("MDFE_TRAINER_KUBERNETES_GPUS"));
        assertEquals("{\"cloud.google.com/gke-accelerator\":\"nvidia-l4\"}", trainer.get("MDFE_TRAINER_KUBERNETES_NODE_SELECTOR"));
        assertTrue(trainer.get("MDFE_TRAINER_KUBERNETES_IMAGE").endsWith("-gpu"));
        assertEquals("mdfe2-artifacts", trainer.get("MDFE_TRAINER_KUBERNETES_ARTIFACTS_CLAIM"));
        assertEquals(List.of("20m", "10m"), List.of(trainer.get("MDFE_K8S_SCHEDULING_DEADLINE"),
                trainer.get("MDFE_K8S_IMAGE_PULL_DEADLINE")), "the pool's scale-up time, and the default");
        String recipe = configMap(objects, "mdfe2-trainer-recipes").getData().get("siglip-linear-probe.json");
        assertNotNull(recipe, "recipes come from values");
        assertTrue(recipe.contains("\"datasetId\":\"uned\"") && recipe.contains("vit_so400m_patch14_siglip_384"), recipe);
        assertEquals("required", trainer.get("MDFE_TLS_CLIENT_AUTH"));
        assertNotNull(c.getReadinessProbe().getTcpSocket(), "mutual TLS: the kubelet can only check TCP");
    }

    @Test
    void milvusGetsItsUriFromTheConfigMapItsTokenFromASecretAndAnEgressRule() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.MILVUS));
        assertEquals("https://milvus.example.com:443", configMap(objects, "mdfe2-index").getData().get("MDFE_INDEX_MILVUS_URI"));
        EnvVar token = container(objects, "mdfe2-index").getEnv().stream()
                .filter(e -> e.getName().equals("MDFE_INDEX_MILVUS_TOKEN")).findFirst().orElseThrow();
        assertEquals("milvus-credentials", token.getValueFrom().getSecretKeyRef().getName());
        assertEquals("api-key", token.getValueFrom().getSecretKeyRef().getKey());
        assertTrue(egressPorts(find(objects, NetworkPolicy.class, "mdfe2-index")).contains(443));
        assertTrue(!egressPorts(find(objects, NetworkPolicy.class, "mdfe2-data")).contains(443), "only index-service reaches Milvus");
    }

    @Test
    void externalKafkaPortsAndPeersReachOnlyTheServicesThatUseKafka() {
        List<HasMetadata> objects = StrictManifests.parse(Chart.renderWithHooks(ValueSet.EXTERNAL_KAFKA));
        for (String key : List.of("data", "trainer", "embedder", "eval")) {
            NetworkPolicy np = find(objects, NetworkPolicy.class, "mdfe2-" + key);
            NetworkPolicyEgressRule kafka = np.getSpec().getEgress().stream()
                    .filter(e -> e.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 9093)).findFirst().orElseThrow();
            assertEquals(Set.of(9093, 9094), kafka.getPorts().stream().map(p -> p.getPort().getIntVal()).collect(Collectors.toSet()));
            assertEquals("10.20.0.0/16", kafka.getTo().get(0).getIpBlock().getCidr());
        }
        assertTrue(!egressPorts(find(objects, NetworkPolicy.class, "mdfe2-index")).contains(9093), "index-service uses no Kafka");
        Set<Integer> trainerEgress = egressPorts(find(objects, NetworkPolicy.class, "mdfe2-trainer"));
        assertTrue(trainerEgress.containsAll(Set.of(53, 8081, 443, 6443)), "DNS, data-service, API server: " + trainerEgress);
        assertTrue(!egressPorts(find(objects, NetworkPolicy.class, "mdfe2-embedder")).contains(443), "no API access for the embedder");
    }

    private static Set<Integer> egressPorts(NetworkPolicy np) {
        return np.getSpec().getEgress().stream().flatMap(e -> e.getPorts().stream()).map(p -> p.getPort().getIntVal())
                .collect(Collectors.toSet());
    }

    private static Container container(List<HasMetadata> objects, String deployment) {
        return find(objects, Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static ConfigMap configMap(List<HasMetadata> objects, String name) {
        return find(objects, ConfigMap.class, name);
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " not rendered"));
    }
}
