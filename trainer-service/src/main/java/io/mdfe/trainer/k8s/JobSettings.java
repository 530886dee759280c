package io.mdfe.trainer.k8s;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mdfe.trainer.TrainerServiceConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The defaults of every training Job's pod, from {@code mdfe.trainer.kubernetes.*} (the Helm chart passes them as
 * MDFE_TRAINER_KUBERNETES_* variables, the structured ones as JSON).
 *
 * @param image the worker image
 * @param serviceAccount the pods' ServiceAccount, may be null
 * @param gpus GPUs per pod
 * @param resources container resources
 * @param nodeSelector the GPU pool's node selector
 * @param tolerations the GPU pool's tolerations
 * @param affinity the GPU pool's affinity, may be null
 * @param artifactsClaim the shared artifacts PVC
 * @param mountPath where it is mounted
 * @param podLabels labels of every pod
 * @param workerClasspath the worker's class path in the image
 * @param jvmOptions the worker JVM's options
 * @param maxRestarts pod retries of a Job (its backoffLimit) when the TrainingRun does not say
 */
public record JobSettings(String image, String serviceAccount, int gpus, ResourceRequirements resources,
                          Map<String, String> nodeSelector, List<Toleration> tolerations, Affinity affinity,
                          String artifactsClaim, String mountPath, Map<String, String> podLabels,
                          String workerClasspath, List<String> jvmOptions, int maxRestarts) {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    /**
     * @param config the service's settings
     * @return the settings
     * @throws IllegalArgumentException naming the key that is missing or not valid JSON
     */
    public static JobSettings from(TrainerServiceConfig config) {
        TrainerServiceConfig.KubernetesJobs k = config.kubernetes();
        return new JobSettings(
                k.image().orElseThrow(() -> missing("image")),
                k.serviceAccount().orElse(null),
                k.gpus(),
                parse("resources", k.resources(), new TypeReference<ResourceRequirements>() { }, new ResourceRequirements()),
                parse("node-selector", k.nodeSelector(), new TypeReference<Map<String, String>>() { }, Map.of()),
                parse("tolerations", k.tolerations(), new TypeReference<List<Toleration>>() { }, List.of()),
                parse("affinity", k.affinity(), new TypeReference<Affinity>() { }, null),
                k.artifactsClaim().orElseThrow(() -> missing("artifacts-claim")),
                k.artifactsMountPath(),
                parse("pod-labels", k.podLabels(), new TypeReference<Map<String, String>>() { }, Map.of()),
                k.workerClasspath(),
                config.worker().jvmOptions().orElse(List.of()),
                config.maxRestarts());
    }

    private static IllegalArgumentException missing(String key) {
        return new IllegalArgumentException("mdfe.trainer.kubernetes." + key + " must be set when mdfe.trainer.launcher=kubernetes");
    }

    private static <T> T parse(String key, Optional<String> json, TypeReference<T> type, T fallback) {
        String text = json.map(String::strip).orElse("");
        if (text.isEmpty() || text.equals("null") || text.equals("{}") && fallback instanceof Map) {
            return fallback;
        }
        try {
            return JSON.unmarshal(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mdfe.trainer.kubernetes." + key + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
