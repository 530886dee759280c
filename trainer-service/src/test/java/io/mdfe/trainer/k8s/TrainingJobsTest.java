package io.mdfe.trainer.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.mdfe.k8s.api.v1alpha1.ResumePolicy;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Job of a run: name, placement, resources, command, volume, owner, retries. */
class TrainingJobsTest {

    @Test
    void namesAreDeterministicDns1123AndDistinct() {
        assertEquals("mdfe-train-run-1", TrainingJobs.name("run-1"));
        assertEquals(TrainingJobs.name("Run_1"), TrainingJobs.name("Run_1"));
        assertNotEquals(TrainingJobs.name("run_1"), TrainingJobs.name("run.1"), "ids that clean alike stay apart");
        String longName = TrainingJobs.name("x".repeat(200));
        assertTrue(longName.length() <= 63 && longName.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), longName);
    }

    @Test
    void chartDefaultsPlaceTheJobOnTheGpuPool() {
        Job job = TrainingJobs.build(Runs.running("run-1"), Runs.chartDefaults(), Optional.empty());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);
        assertEquals(Map.of("pool", "gpu"), pod.getNodeSelector());
        assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
        assertEquals(new Quantity("1"), worker.getResources().getLimits().get(TrainingJobs.GPU_RESOURCE));
        assertEquals(new Quantity("8Gi"), worker.getResources().getLimits().get("memory"));
        assertEquals("registry.example/mdfe/trainer-service:0.1.0", worker.getImage());
        assertEquals("mdfe2-trainer-worker", pod.getServiceAccountName());
        assertEquals(2, job.getSpec().getBackoffLimit(), "the service's max restarts");
        assertEquals("Never", pod.getRestartPolicy());
        assertTrue(job.getMetadata().getOwnerReferences().isEmpty());
        assertEquals("run-1", job.getSpec().getTemplate().getMetadata().getLabels().get(TrainingJobs.RUN_ID_LABEL));
        assertEquals("trainer-worker", job.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component"));
    }

    @Test
    void workerCommandRunsTheEntrypointOnTheSharedVolumeWithTheGpu() {
        Job job = TrainingJobs.build(Runs.running("run-1"), Runs.chartDefaults(), Optional.empty());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        List<String> command = pod.getContainers().get(0).getCommand();
        assertEquals(List.of("java", "-Dmdfe.trainer.worker=run-1", "-Xmx6g", "-cp", "/home/jboss/lib/main/*",
                "io.mdfe.trainer.worker.TrainingWorker", "--run-dir", "/mdfe/runs/run-1", "--data-root", "/mdfe/data/demo",
                "--detached", "--device", "cuda:0"), command);
        assertEquals("mdfe2-artifacts", pod.getVolumes().stream().filter(v -> v.getName().equals("artifacts")).findFirst()
                .orElseThrow().getPersistentVolumeClaim().getClaimName());
        assertEquals("/mdfe", pod.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> m.getName().equals("artifacts")).findFirst().orElseThrow().getMountPath());
        assertEquals(List.of(2, 64), job.getSpec().getPodFailurePolicy().getRules().get(0).getOnExitCodes().getValues(),
                "deterministic failures and bad arguments are not retried");
    }

    @Test
    void cpuOnlyRunHasNoGpuLimitAndNoDevice() {
        TrainingRun run = Runs.trainingRun("cpu-run", 0);
        Job job = TrainingJobs.build(Runs.running("run-2"), Runs.chartDefaults(), Optional.of(run));
        Container worker = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertFalse(worker.getResources().getLimits().containsKey(TrainingJobs.GPU_RESOURCE));
        assertFalse(worker.getCommand().contains("--device"));
    }

    @Test
    void trainingRunPlacementResourcesAndRestartsWinAndItOwnsTheJob() {
        TrainingRun run = Runs.trainingRun("a100-run", 4);
        Job job = TrainingJobs.build(Runs.running("run-3"), Runs.chartDefaults(), Optional.of(run));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);
        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-a100"), pod.getNodeSelector());
        assertEquals("a100", pod.getTolerations().get(0).getKey());
        assertEquals(new Quantity("4"), worker.getResources().getLimits().get(TrainingJobs.GPU_RESOURCE));
        assertEquals(new Quantity("30Gi"), worker.getResources().getLimits().get("memory"));
        assertEquals(4, job.getSpec().getBackoffLimit());
        List<String> command = worker.getCommand();
        assertEquals(List.of("--device", "cuda:0,cuda:1,cuda:2,cuda:3"), command.subList(command.size() - 2, command.size()),
                "four GPUs in the pod: the worker trains data-parallel over all of them");
        var owner = job.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("TrainingRun", "a100-run", "uid-a100-run", true, true),
                List.of(owner.getKind(), owner.getName(), owner.getUid(), owner.getController(), owner.getBlockOwnerDeletion()));
        assertEquals("mdfe.io/v1alpha1", owner.getApiVersion());
        run.getSpec().setResumePolicy(ResumePolicy.Never);
        assertEquals(0, TrainingJobs.build(Runs.running("run-3"), Runs.chartDefaults(), Optional.of(run)).getSpec().getBackoffLimit());
        assertNull(pod.getAffinity());
    }
}
