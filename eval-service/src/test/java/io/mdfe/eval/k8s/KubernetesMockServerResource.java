package io.mdfe.eval.k8s;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fabric8 mock API server in CRUD mode (there is no real API server here) with the mdfe.io CRDs from
 * {@code k8s/crds/}, for a Quarkus test: the service's own client finds it through Fabric8's {@code kubernetes.*}
 * system properties, and the test talks to it through {@link #client()}.
 */
public class KubernetesMockServerResource implements QuarkusTestResourceLifecycleManager {

    private static final List<String> PROPERTIES = List.of("kubernetes.master", "kubernetes.namespace",
            "kubernetes.auth.tryKubeConfig", "kubernetes.auth.tryServiceAccount", "kubernetes.trust.certificates");

    private static KubernetesMockServer server;
    private static KubernetesClient client;

    /** {@return a client of the mock server's "test" namespace} */
    static KubernetesClient client() {
        return client;
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        for (String crd : List.of("evaluations.mdfe.io-v1.yml", "trainingruns.mdfe.io-v1.yml")) {
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty("user.dir"), "..", "k8s", "crds", crd))) {
                client.resource(new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
        System.setProperty("kubernetes.namespace", "test");
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.trust.certificates", "true");
        return Map.of();
    }

    @Override
    public void stop() {
        PROPERTIES.forEach(System::clearProperty);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }
}
