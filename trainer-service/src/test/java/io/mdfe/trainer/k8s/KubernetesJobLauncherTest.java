package io.mdfe.trainer.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.WorkerEvent;
import io.mdfe.trainer.run.WorkerHandle;
import io.mdfe.trainer.run.WorkerListener;
import io.mdfe.trainer.worker.WorkerProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Job launcher against the Fabric8 mock API server (CRUD mode, with the pod log served by an expectation;
 * there is no real API server here): it creates one Job, adopts it when launched again, relays the worker's
 * reports from the pod log, reports the Job's end and pod failure reasons, and deletes the Job on stop.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesJobLauncherTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private final Recorder listener = new Recorder();

    private KubernetesJobLauncher launcher() {
        return new KubernetesJobLauncher(client, Runs.chartDefaults(), id -> Optional.of(Runs.trainingRun("tr-" + id, 1)),
                Duration.ofMillis(50));
    }

    @Test
    void createsOneOwnedJobAndAdoptsItWhenLaunchedAgain() throws Exception {
        RunRecord run = Runs.running("run-1");
        WorkerHandle first = launcher().launch(run, listener);
        Job job = client.batch().v1().jobs().withName("mdfe-train-run-1").get();
        assertNotNull(job);
        assertEquals("tr-run-1", job.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals("1", job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                .get("nvidia.com/gpu").getAmount());
        String uid = job.getMetadata().getUid();
        // A restarted service launches the recovered run again: same Job, no second one.
        launcher().launch(run, new Recorder());
        assertEquals(1, client.batch().v1().jobs().list().getItems().size());
        assertEquals(uid, client.batch().v1().jobs().withName("mdfe-train-run-1").get().getMetadata().getUid());
        first.stop();
    }

    @Test
    void relaysTheWorkerReportsFromThePodLogAndTheJobsSuccess() throws Exception {
        RunRecord run = Runs.running("run-2");
        WorkerProtocol protocol = new WorkerProtocol();
        String log = String.join("\n", "JVM noise that is no report",
                protocol.encode(new WorkerEvent.Started(10, 0)),
                protocol.encode(new WorkerEvent.Checkpoint(10, 1, "/mdfe/runs/run-2/checkpoints/step-10/bundle", 32)),
                protocol.encode(new WorkerEvent.Finished(10, 0.25))) + "\n";
        server.expect().get().withPath("/api/v1/namespaces/test/pods/mdfe-train-run-2-abcde/log?pretty=false&follow=true")
                .andReturn(200, log).always();
        launcher().launch(run, listener);
        client.pods().resource(pod("run-2", "mdfe-train-run-2-abcde", "Succeeded")).create();
        completeJob("mdfe-train-run-2", "Complete");
        assertEquals(new WorkerEvent.Started(10, 0), listener.next());
        assertEquals(new WorkerEvent.Checkpoint(10, 1, "/mdfe/runs/run-2/checkpoints/step-10/bundle", 32), listener.next());
        assertEquals(new WorkerEvent.Finished(10, 0.25), listener.next());
        assertEquals(0, listener.exit());
    }

    @Test
    void failedJobReportsItsExitAndThePodsReason() throws Exception {
        RunRecord run = Runs.running("run-3");
        // The failed pod's (empty) log, as a kubelet serves it: without it the follower's log request fails on the
        // mock server, which may close the connection the test's own status update is using.
        server.expect().get().withPath("/api/v1/namespaces/test/pods/mdfe-train-run-3-xyz/log?pretty=false&follow=true")
                .andReturn(200, "").always();
        KubernetesJobLauncher launcher = launcher();
        launcher.launch(run, listener);
        Pod oom = new PodBuilder(pod("run-3", "mdfe-train-run-3-xyz", "Failed")).editStatus().addNewContainerStatus()
                .withName("worker").withNewState().withNewTerminated().withReason("OOMKilled").withExitCode(137)
                .endTerminated().endState().endContainerStatus().endStatus().build();
        client.pods().resource(oom).create();
        completeJob("mdfe-train-run-3", "Failed");
        assertEquals(KubernetesJobLauncher.JOB_FAILED, listener.exit());
        assertEquals("OOMKilled", launcher.failure("run-3").orElseThrow().reason());
    }

    @Test
    void stopDeletesTheJob() throws Exception {
        WorkerHandle handle = launcher().launch(Runs.running("run-4"), listener);
        assertNotNull(client.batch().v1().jobs().withName("mdfe-train-run-4").get());
        handle.stop();
        assertNull(client.batch().v1().jobs().withName("mdfe-train-run-4").get());
        assertEquals(KubernetesJobLauncher.JOB_GONE, listener.exit());
    }

    private Pod pod(String runId, String name, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("job-name", TrainingJobs.name(runId))
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }

    private void completeJob(String name, String type) {
        Job job = client.batch().v1().jobs().withName(name).get();
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                .withConditions(new JobConditionBuilder().withType(type).withStatus("True").build()).build());
        client.batch().v1().jobs().resource(job).updateStatus();
    }

    /** Collects what a launcher reports. */
    private static final class Recorder implements WorkerListener {

        private final BlockingQueue<WorkerEvent> events = new LinkedBlockingQueue<>();
        private final BlockingQueue<Integer> exits = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(WorkerEvent event) {
            events.add(event);
        }

        @Override
        public void onExit(int exitCode) {
            exits.add(exitCode);
        }

        WorkerEvent next() throws InterruptedException {
            WorkerEvent event = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(event, "no worker report within 10 s");
            return event;
        }

        int exit() throws InterruptedException {
            Integer code = exits.poll(10, TimeUnit.SECONDS);
            assertNotNull(code, "no exit within 10 s");
            assertTrue(exits.isEmpty(), "a single exit");
            return code;
        }
    }
}
