package io.mdfe.trainer.k8s;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.mdfe.k8s.api.v1alpha1.ResumePolicy;
import io.mdfe.k8s.api.v1alpha1.TrainingResources;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.k8s.api.v1alpha1.TrainingRunSpec;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.worker.WorkerArguments;
import io.mdfe.trainer.worker.WorkerCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The batch/v1 Job of a run: one per run, named from the run id alone (so a restarted service finds it instead
 * of creating a second one), its pod placed on the GPU pool (the TrainingRun's placement, else the chart's),
 * running the worker entrypoint of the trainer image on the shared artifacts volume.
 */
public final class TrainingJobs {

    /** The label carrying the run id on the Job and its pods. */
    public static final String RUN_ID_LABEL = "mdfe.io/run-id";
    /** The GPU resource of the NVIDIA device plugin. */
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** The worker's exit code for a deterministic failure (TrainingWorker): the Job must not retry it. */
    static final int WORKER_FAILED_EXIT = 2;
    /** The worker's exit code for bad arguments. */
    static final int WORKER_USAGE_EXIT = 64;

    private static final int MAX_NAME = 63;
    private static final String PREFIX = "mdfe-train-";

    private TrainingJobs() {
    }

    /**
     * @param runId a run id
     * @return its Job's name: DNS-1123, at most 63 characters, the same for the same id
     */
    public static String name(String runId) {
        String clean = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        String name = PREFIX + clean;
        if (name.length() <= MAX_NAME && clean.equals(runId)) {
            return name;
        }
        // Distinct ids that clean or cut to the same text must still get distinct Jobs.
        String hash = sha256(runId).substring(0, 10);
        String head = name.substring(0, Math.min(name.length(), MAX_NAME - hash.length() - 1)).replaceAll("-+$", "");
        return head + "-" + hash;
    }

    /**
     * Builds the Job of a run.
     *
     * @param run the run
     * @param settings the chart's defaults
     * @param owner the TrainingRun the run belongs to, if any: its placement and resources win, and it owns the Job
     * @return the Job (namespace unset: the client's)
     */
    public static Job build(RunRecord run, JobSettings settings, Optional<TrainingRun> owner) {
        Optional<TrainingRunSpec> spec = owner.map(TrainingRun::getSpec);
        int gpus = spec.map(TrainingRunSpec::getResources).map(TrainingResources::getGpus).orElse(settings.gpus());
        String image = spec.map(TrainingRunSpec::getImage).orElse(settings.image());
        Map<String, String> nodeSelector = spec.map(TrainingRunSpec::getNodeSelector).filter(m -> !m.isEmpty())
                .orElse(settings.nodeSelector());
        List<Toleration> tolerations = spec.map(TrainingRunSpec::getTolerations).filter(t -> !t.isEmpty())
                .orElse(settings.tolerations());
        Affinity affinity = spec.map(TrainingRunSpec::getAffinity).orElse(settings.affinity());
        int backoffLimit = spec.map(s -> s.getResumePolicy() == ResumePolicy.Never ? 0 : s.getMaxRestarts())
                .orElse(settings.maxRestarts());
        Map<String, String> labels = new LinkedHashMap<>(settings.podLabels());
        labels.put(RUN_ID_LABEL, labelValue(run.id()));

        String name = name(run.id());
        return new JobBuilder()
                .withNewMetadata().withName(name).withLabels(labels).withOwnerReferences(owners(owner)).endMetadata()
                .withNewSpec()
                .withBackoffLimit(backoffLimit)
                .withNewPodFailurePolicy()
                .addNewRule().withAction("FailJob").withNewOnExitCodes().withContainerName("worker").withOperator("In")
                .withValues(WORKER_FAILED_EXIT, WORKER_USAGE_EXIT).endOnExitCodes().endRule()
                .endPodFailurePolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(settings.serviceAccount())
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withTolerations(tolerations.isEmpty() ? null : tolerations)
                .withAffinity(affinity)
                .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .addNewContainer()
                .withName("worker")
                .withImage(image)
                .withCommand(command(run, settings, gpus))
                .addNewEnv().withName("HOME").withValue("/tmp").endEnv()
                .addNewEnv().withName("DJL_CACHE_DIR").withValue("/tmp/djl").endEnv()
                .withResources(resources(settings.resources(), spec.map(TrainingRunSpec::getResources), gpus))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("artifacts").withMountPath(settings.mountPath()).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("artifacts").withNewPersistentVolumeClaim()
                .withClaimName(settings.artifactsClaim()).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * The worker entrypoint. A GPU pod trains on its visible GPUs (the device plugin shows it only its own):
     * one is {@code cuda:0}, more train data-parallel over {@code cuda:0,...,cuda:N-1}, as upstream's
     * {@code --data_parallelism} does over the node's GPUs.
     */
    static List<String> command(RunRecord run, JobSettings settings, int gpus) {
        List<String> command = new ArrayList<>(new WorkerCommand("java", settings.jvmOptions(), settings.workerClasspath())
                .arguments(run.id(), Path.of(run.spec().runDir()), Path.of(run.spec().dataRoot())));
        command.add(WorkerArguments.DETACHED);
        if (gpus > 0) {
            command.addAll(List.of(WorkerArguments.DEVICE, IntStream.range(0, gpus).mapToObj(i -> "cuda:" + i)
                    .collect(Collectors.joining(","))));
        }
        return command;
    }

    private static ResourceRequirements resources(ResourceRequirements defaults, Optional<TrainingResources> asked,
                                                  int gpus) {
        Map<String, Quantity> limits = new LinkedHashMap<>(defaults.getLimits() == null ? Map.of() : defaults.getLimits());
        Map<String, Quantity> requests = new LinkedHashMap<>(defaults.getRequests() == null ? Map.of() : defaults.getRequests());
        asked.map(TrainingResources::getCpu).ifPresent(cpu -> {
            requests.put("cpu", new Quantity(cpu));
            limits.put("cpu", new Quantity(cpu));
        });
        asked.map(TrainingResources::getMemory).ifPresent(memory -> {
            requests.put("memory", new Quantity(memory));
            limits.put("memory", new Quantity(memory));
        });
        limits.remove(GPU_RESOURCE);
        requests.remove(GPU_RESOURCE);
        if (gpus > 0) {
            limits.put(GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
        }
        return new ResourceRequirementsBuilder().withLimits(limits.isEmpty() ? null : limits)
                .withRequests(requests.isEmpty() ? null : requests).build();
    }

    private static List<OwnerReference> owners(Optional<TrainingRun> owner) {
        return owner.map(o -> List.of(new OwnerReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind())
                .withName(o.getMetadata().getName()).withUid(o.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build())).orElse(List.of());
    }

    /** Label values are at most 63 characters of [A-Za-z0-9._-]. */
    private static String labelValue(String runId) {
        String clean = runId.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean.length() <= MAX_NAME && clean.equals(runId) ? clean : sha256(runId).substring(0, 40);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
