package io.mdfe.trainer.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.mdfe.k8s.api.v1alpha1.Condition;
import io.mdfe.k8s.api.v1alpha1.DatasetRef;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.k8s.api.v1alpha1.TrainingResources;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.k8s.api.v1alpha1.TrainingRunSpec;
import io.mdfe.k8s.api.v1alpha1.TrainingRunStatus;
import io.mdfe.trainer.plan.RunPlanner;
import io.mdfe.trainer.recipe.KnownDataset;
import io.mdfe.trainer.recipe.KnownDatasets;
import io.mdfe.trainer.recipe.Recipe;
import io.mdfe.trainer.recipe.RecipeRegistry;
import io.mdfe.trainer.run.NoRunEvents;
import io.mdfe.trainer.run.RunManager;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunRegistry;
import io.mdfe.trainer.run.RunState;
import io.mdfe.trainer.run.WorkerEvent;
import io.mdfe.trainer.worker.WorkerProtocol;
import io.mdfe.trainer.store.JsonStateFile;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TrainingRun reconciler on the Fabric8 mock API server (CRUD mode), with the real planner, run manager and
 * Job launcher: a TrainingRun gets one owned Job (GPU limits, placement, shared volume, worker command) and a
 * status naming its run; reconciling again, also by a new operator process, creates nothing more; a Job's success
 * and its pods' failures (retried from the checkpoint, then failed with the reason) reach the status; deleting the
 * TrainingRun deletes its Job; bad input fails naming the field, without retry.
 *
 * <p>The mock server has no Job controller, scheduler or kubelet: the tests play them, creating the pods a Job
 * would get (with the statuses a kubelet or scheduler would write), serving their logs, and marking the Job done.
 */
@EnableKubernetesMockClient(crud = true)
class TrainingRunReconcilerTest {

    /** Short, so a pod that cannot pull its image fails its run within the test. */
    private static final Duration IMAGE_PULL_DEADLINE = Duration.ofSeconds(3);
    /** Short, so a pod no node fits fails its run within the test. */
    private static final Duration SCHEDULING_DEADLINE = Duration.ofSeconds(3);

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path work;

    private RunPlanner planner;
    private final AtomicReference<RunManager> manager = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        Path crd = Path.of(System.getProperty("user.dir")).resolve("../k8s/crds/trainingruns.mdfe.io-v1.yml");
        try (InputStream in = Files.newInputStream(crd)) {
            client.resource(new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class)).create();
        }
        Path allowed = Files.createDirectories(work.resolve("data"));
        Files.createDirectories(allowed.resolve("demo"));
        RecipeRegistry recipes = new RecipeRegistry(new JsonStateFile<>(work.resolve("recipes.json"), Recipe.class));
        KnownDatasets datasets = new KnownDatasets(new JsonStateFile<>(work.resolve("datasets.json"), KnownDataset.class));
        planner = new RunPlanner(allowed, Files.createDirectories(work.resolve("runs")), recipes, datasets);
    }

    @AfterEach
    void tearDown() {
        if (manager.get() != null) {
            manager.get().close();
        }
    }

    /** One operator process: a run manager over the registry in {@code work}, its launcher and reconciler. */
    private TrainingRunReconciler operator() {
        return operator(SCHEDULING_DEADLINE);
    }

    private TrainingRunReconciler operator(Duration schedulingDeadline) {
        AtomicReference<TrainingRunReconciler> reconciler = new AtomicReference<>();
        KubernetesJobLauncher launcher = new KubernetesJobLauncher(client, Runs.chartDefaults(),
                id -> reconciler.get().owner(id), Duration.ofMillis(100));
        if (manager.get() != null) {
            manager.get().close(); // the previous process shuts down before the next one reads the registry
        }
        RunManager runs = new RunManager(new RunRegistry(new JsonStateFile<>(work.resolve("runs.json"), RunRecord.class)),
                launcher, new NoRunEvents(), 1, 0, Clock.systemUTC());
        manager.set(runs);
        reconciler.set(new TrainingRunReconciler(client, planner, runs, launcher, Clock.systemUTC(), IMAGE_PULL_DEADLINE,
                schedulingDeadline));
        runs.recover();
        return reconciler.get();
    }

    /** Applies a TrainingRun of {@code gpus} GPUs and 3 restarts, reconciles it once, and returns its Job's name. */
    private String startGpuRun(TrainingRunReconciler operator, String name, int gpus) throws Exception {
        operator.reconcile(apply(name, gpuSpec(gpus, 3)));
        return get(name).getStatus().getJobName();
    }

    /** A new operator process after the previous one was killed: its registry as it was, nothing written on the way out. */
    private TrainingRunReconciler operatorAfterKill() throws IOException {
        Path registry = work.resolve("runs.json");
        byte[] atKill = Files.readAllBytes(registry);
        manager.getAndSet(null).close(); // stops the old process's threads; what it wrote on closing is undone
        Files.write(registry, atKill);
        return operator();
    }

    private TrainingRun apply(String name, TrainingRunSpec spec) {
        TrainingRun run = new TrainingRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).build());
        run.setSpec(spec);
        return client.resource(run).create();
    }

    /**
     * The resource as stored. The mock server now and then closes a pooled keep-alive connection as the client
     * reuses it (Vert.x's "Connection was closed", fabric8io/kubernetes-client#7086); a GET is safe to repeat.
     */
    private TrainingRun get(String name) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(TrainingRun.class).withName(name).get();
            } catch (KubernetesClientException e) {
                if (attempt == 3 || !(e.getCause() instanceof HttpClosedException)) {
                    throw e;
                }
            }
        }
    }

    private TrainingRunSpec inlineSpec(String config) {
        TrainingRunSpec spec = new TrainingRunSpec();
        spec.setConfig(config);
        DatasetRef data = new DatasetRef();
        data.setRoot(work.resolve("data/demo").toString());
        data.setNames(List.of("demo"));
        spec.setDataset(data);
        return spec;
    }

    private static String demoConfig() throws Exception {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../configs/demo.yaml"));
    }

    private TrainingRunSpec gpuSpec(int gpus, int maxRestarts) throws Exception {
        TrainingRunSpec spec = inlineSpec(demoConfig());
        TrainingResources resources = new TrainingResources();
        resources.setGpus(gpus);
        resources.setMemory("24Gi");
        spec.setResources(resources);
        spec.setNodeSelector(Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"));
        spec.setTolerations(List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists")
                .withEffect("NoSchedule").build()));
        spec.setMaxRestarts(maxRestarts);
        return spec;
    }

    private RunRecord awaitRun(String runId, Predicate<RunRecord> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        RunRecord run = manager.get().get(runId);
        while (!until.test(run)) {
            assertTrue(System.nanoTime() < deadline, "run " + runId + " stayed " + run);
            Thread.sleep(50);
            run = manager.get().get(runId);
        }
        return run;
    }

    /** Reconciles until the status satisfies {@code until}: the launcher sees pods on its own poll. */
    private TrainingRunStatus awaitStatus(TrainingRunReconciler operator, String name, Predicate<TrainingRunStatus> until)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            operator.reconcile(get(name));
            TrainingRunStatus status = get(name).getStatus();
            if (until.test(status)) {
                return status;
            }
            assertTrue(System.nanoTime() < deadline, "status of " + name + " stayed " + ready(status).getReason()
                    + ": " + ready(status).getMessage());
            Thread.sleep(100);
        }
    }

    private static Condition ready(TrainingRunStatus status) {
        return status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    /** Serves a pod's log as the worker prints it. */
    private void podLog(String pod, WorkerEvent... events) {
        WorkerProtocol protocol = new WorkerProtocol();
        String log = Arrays.stream(events).map(protocol::encode).collect(Collectors.joining("\n", "", "\n"));
        server.expect().get().withPath("/api/v1/namespaces/test/pods/" + pod + "/log?pretty=false&follow=true")
                .andReturn(200, log).always();
    }

    /** A pod of the Job, as the Job controller makes it and the kubelet reports it. */
    private static PodBuilder pod(String jobName, String name, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("job-name", jobName).endMetadata()
                .withNewStatus().withPhase(phase).endStatus();
    }

    private static Pod oomKilled(String jobName, String name) {
        return pod(jobName, name, "Failed").editStatus().addNewContainerStatus().withName("worker")
                .withImage("registry.example/mdfe/trainer-service:0.1.0").withNewState().withNewTerminated()
                .withReason("OOMKilled").withExitCode(137).endTerminated().endState().endContainerStatus().endStatus()
                .build();
    }

    /** The Job controller's bookkeeping: failed pods so far, and the Job's end when it has one. */
    private void jobStatus(String jobName, int failedPods, String endCondition) {
        Job job = client.batch().v1().jobs().withName(jobName).get();
        JobStatusBuilder status = new JobStatusBuilder().withFailed(failedPods);
        if (endCondition != null) {
            status.withConditions(new JobConditionBuilder().withType(endCondition).withStatus("True").build());
        }
        job.setStatus(status.build());
        client.batch().v1().jobs().resource(job).updateStatus();
    }

    @Test
    void createdJobHasTheGpuLimitsPlacementOwnerSharedVolumeAndCudaCommand() throws Exception {
        operator().reconcile(apply("l4", gpuSpec(2, 3)));
        TrainingRun run = get("l4");
        TrainingRunStatus status = run.getStatus();
        Job job = client.batch().v1().jobs().withName(status.getJobName()).get();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().get(0);
        assertEquals(new Quantity("2"), worker.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("24Gi"), worker.getResources().getLimits().get("memory"));
        assertEquals(Map.of("cloud.google.com/gke-accelerator", "nvidia-l4"), pod.getNodeSelector());
        assertEquals(List.of("nvidia.com/gpu", "Exists", "NoSchedule"), List.of(pod.getTolerations().get(0).getKey(),
                pod.getTolerations().get(0).getOperator(), pod.getTolerations().get(0).getEffect()));
        OwnerReference owner = job.getMetadata().getOwnerReferences().get(0);
        assertEquals(List.of("mdfe.io/v1alpha1", "TrainingRun", "l4", run.getMetadata().getUid(), true, true),
                List.of(owner.getApiVersion(), owner.getKind(), owner.getName(), owner.getUid(), owner.getController(),
                        owner.getBlockOwnerDeletion()));
        assertEquals(3, job.getSpec().getBackoffLimit(), "spec.maxRestarts");
        assertEquals("mdfe2-artifacts", pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
        assertEquals("/mdfe", worker.getVolumeMounts().get(0).getMountPath(), "the same path in every pod");
        List<String> command = worker.getCommand();
        assertEquals(List.of("--device", "cuda:0,cuda:1"), command.subList(command.size() - 2, command.size()),
                "two GPUs: data-parallel over the pod's GPUs");
        String runDir = command.get(command.indexOf("--run-dir") + 1);
        assertEquals(manager.get().get(status.getRunId()).spec().runDir(), runDir);
        assertTrue(runDir.startsWith(work.resolve("runs") + "/"), "on the shared volume: " + runDir);
        assertEquals(1L, status.getObservedGeneration());
        Condition ready = ready(status);
        assertEquals(List.of(Condition.Status.False, "Training"), List.of(ready.getStatus(), ready.getReason()));
        assertNotNull(Instant.parse(ready.getLastTransitionTime()));
    }

    @Test
    void succeededJobGivesSucceededStatusWithStepLossAndLastCheckpoint() throws Exception {
        TrainingRunReconciler operator = operator();
        operator.reconcile(apply("ok", gpuSpec(1, 3)));
        TrainingRunStatus running = get("ok").getStatus();
        String jobName = running.getJobName();
        String bundle = work.resolve("runs/" + running.getRunId() + "/checkpoints/step-100/bundle").toString();
        podLog(jobName + "-a1b2c", new WorkerEvent.Started(100, 0),
                new WorkerEvent.Step(100, 100, 3, 0.42, 1e-3, 50),
                new WorkerEvent.Checkpoint(100, 3, bundle, 32),
                new WorkerEvent.Finished(100, 0.42));
        client.pods().resource(pod(jobName, jobName + "-a1b2c", "Succeeded").build()).create();
        jobStatus(jobName, 0, "Complete");
        awaitRun(running.getRunId(), r -> r.state() == RunState.SUCCEEDED);

        TrainingRunStatus status = awaitStatus(operator, "ok", s -> s.getPhase() == Phase.Succeeded);
        assertEquals(List.of(100L, 100L, 0.42, Path.of(bundle).toUri().toString(), jobName + "-a1b2c", 0),
                List.of(status.getStep(), status.getTotalSteps(), status.getLastLoss(), status.getLastCheckpoint(),
                        status.getPodName(), status.getRestarts()));
        assertEquals(List.of(Condition.Status.True, "Trained"), List.of(ready(status).getStatus(), ready(status).getReason()));
        assertEquals(1L, status.getObservedGeneration());
    }

    @Test
    void failedPodIsRetriedFromItsCheckpointThenFailedWithItsReasonAfterMaxRestarts() throws Exception {
        TrainingRunReconciler operator = operator();
        operator.reconcile(apply("oom", gpuSpec(1, 1)));
        TrainingRunStatus first = get("oom").getStatus();
        String jobName = first.getJobName();
        assertEquals(1, client.batch().v1().jobs().withName(jobName).get().getSpec().getBackoffLimit());
        String bundle = work.resolve("runs/" + first.getRunId() + "/checkpoints/step-10/bundle").toString();
        // The first pod checkpoints at step 10, trains on to 15 and is OOMKilled.
        podLog(jobName + "-aaaaa", new WorkerEvent.Started(100, 0), new WorkerEvent.Checkpoint(10, 0, bundle, 32),
                new WorkerEvent.Step(15, 100, 0, 0.9, 1e-3, 50));
        client.pods().resource(oomKilled(jobName, jobName + "-aaaaa")).create();
        jobStatus(jobName, 1, null);
        awaitRun(first.getRunId(), r -> r.step() == 15);
        Thread.sleep(1100); // the retry is created a second later (creation times have second resolution)

        // The Job's retry runs the same worker command on the same volume: it resumes from the step-10 checkpoint.
        podLog(jobName + "-bbbbb", new WorkerEvent.Started(100, 10));
        client.pods().resource(pod(jobName, jobName + "-bbbbb", "Running").build()).create();
        TrainingRunStatus retried = awaitStatus(operator, "oom", s -> Long.valueOf(10).equals(s.getStep())
                && (jobName + "-bbbbb").equals(s.getPodName()));
        assertEquals(List.of(Phase.Running, 1, Path.of(bundle).toUri().toString()),
                List.of(retried.getPhase(), retried.getRestarts(), retried.getLastCheckpoint()));
        assertTrue(ready(retried).getMessage().contains("restarted 1 time(s) from the last checkpoint"),
                ready(retried).getMessage());

        // The retry is OOMKilled too; with spec.maxRestarts used up the Job fails.
        client.pods().resource(oomKilled(jobName, jobName + "-bbbbb")).update();
        jobStatus(jobName, 2, "Failed");
        awaitRun(first.getRunId(), r -> r.state() == RunState.FAILED);
        TrainingRunStatus failed = awaitStatus(operator, "oom", s -> s.getPhase() == Phase.Failed);
        assertEquals(List.of("OOMKilled", "OOMKilled", Condition.Status.False, 1),
                List.of(failed.getFailureReason(), ready(failed).getReason(), ready(failed).getStatus(), failed.getRestarts()));
        assertTrue(ready(failed).getMessage().contains("more memory than its limit")
                && ready(failed).getMessage().contains("gave up after 1 restart(s) (spec.maxRestarts)"), ready(failed).getMessage());
        assertEquals(1, client.batch().v1().jobs().list().getItems().size(), "the operator starts no Job of its own");
    }

    @Test
    void imagePullFailureIsTheConditionsReasonWhileTheJobWaitsThenFailsTheRunNamingTheImage() throws Exception {
        TrainingRunReconciler operator = operator();
        String jobName = startGpuRun(operator, "pull", 1);
        client.pods().resource(pod(jobName, jobName + "-ccccc", "Pending").editStatus().addNewContainerStatus()
                .withName("worker").withImage("registry.example/mdfe/trainer-service:nope").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().endState()
                .endContainerStatus().endStatus().build()).create();
        TrainingRunStatus status = awaitStatus(operator, "pull", s -> "ImagePullBackOff".equals(ready(s).getReason()));
        assertEquals(List.of(Phase.Running, "ImagePullBackOff"), List.of(status.getPhase(), status.getFailureReason()),
                "a pull error may mend: the run waits for its deadline");
        assertTrue(ready(status).getMessage().contains("registry.example/mdfe/trainer-service:nope cannot be pulled"),
                ready(status).getMessage());

        // Still failing after the deadline: the run is failed naming the field to fix, and its Job deleted.
        TrainingRunStatus failed = awaitStatus(operator, "pull", s -> s.getPhase() == Phase.Failed);
        assertEquals("ImagePullBackOff", ready(failed).getReason());
        assertTrue(ready(failed).getMessage().startsWith("spec.image: ") && ready(failed).getMessage().endsWith("(for 3 s)"),
                ready(failed).getMessage());
        assertNull(client.batch().v1().jobs().withName(jobName).get());
        String version = get("pull").getMetadata().getResourceVersion();
        operator.reconcile(get("pull"));
        assertEquals(version, get("pull").getMetadata().getResourceVersion(), "not retried");
    }

    /** The scheduler's verdict on a pod no node fits. */
    private static Pod unschedulable(String jobName, String name) {
        return pod(jobName, name, "Pending").editStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                .endCondition().endStatus().build();
    }

    @Test
    void unschedulablePodWaitsForTheAutoscalerAndTrainsOnceANodeIsAdded() throws Exception {
        TrainingRunReconciler operator = operator();
        String jobName = startGpuRun(operator, "scale-up", 1);
        String podName = jobName + "-sssss";
        client.pods().resource(unschedulable(jobName, podName)).create();
        TrainingRunStatus waiting = awaitStatus(operator, "scale-up", s -> "Unschedulable".equals(ready(s).getReason()));
        assertEquals(Phase.Running, waiting.getPhase(), "a GPU pool scaling from zero adds a node: the run waits");
        assertTrue(ready(waiting).getMessage().contains("Insufficient nvidia.com/gpu")
                && ready(waiting).getMessage().endsWith("the run fails if this lasts 3 s"), ready(waiting).getMessage());
        assertNotNull(client.batch().v1().jobs().withName(jobName).get(), "its Job stays");

        // The autoscaler's node arrives within the deadline: the pod is scheduled and trains.
        podLog(podName, new WorkerEvent.Started(100, 0), new WorkerEvent.Step(7, 100, 0, 0.8, 1e-3, 50));
        client.pods().resource(pod(jobName, podName, "Running").build()).update();
        TrainingRunStatus training = awaitStatus(operator, "scale-up", s -> Long.valueOf(7).equals(s.getStep()));
        assertEquals("Training", ready(training).getReason());
        Thread.sleep(SCHEDULING_DEADLINE.toMillis() + 500);
        operator.reconcile(get("scale-up"));
        assertEquals(List.of(Phase.Running, "Training"), List.of(get("scale-up").getStatus().getPhase(),
                ready(get("scale-up").getStatus()).getReason()), "the wait ended with the scheduling");
        assertNotNull(client.batch().v1().jobs().withName(jobName).get());
    }

    @Test
    void gpusNoNodeGivesWithinTheDeadlineFailNamingTheFieldWithoutRetry() throws Exception {
        TrainingRunReconciler operator = operator();
        String jobName = startGpuRun(operator, "too-many", 16);
        client.pods().resource(unschedulable(jobName, jobName + "-ddddd")).create();
        awaitStatus(operator, "too-many", s -> "Unschedulable".equals(ready(s).getReason()) && s.getPhase() == Phase.Running);
        TrainingRunStatus status = awaitStatus(operator, "too-many", s -> s.getPhase() == Phase.Failed);
        assertEquals(List.of("Unschedulable", "Unschedulable"), List.of(status.getFailureReason(), ready(status).getReason()));
        assertTrue(ready(status).getMessage().startsWith("spec.resources.gpus: ")
                && ready(status).getMessage().contains("Insufficient nvidia.com/gpu")
                && ready(status).getMessage().endsWith("(for 3 s)"), ready(status).getMessage());
        assertNull(client.batch().v1().jobs().withName(jobName).get(), "its Job is deleted, not left pending");
        String version = get("too-many").getMetadata().getResourceVersion();
        operator.reconcile(get("too-many"));
        operator().reconcile(get("too-many")); // also a restarted operator leaves it failed
        assertEquals(version, get("too-many").getMetadata().getResourceVersion(), "not retried");
        assertTrue(client.batch().v1().jobs().list().getItems().isEmpty());
    }

    @Test
    void aKilledOperatorAdoptsItsRunningJobInsteadOfFailingTheRun() throws Exception {
        TrainingRunReconciler operator = operator();
        String jobName = startGpuRun(operator, "survivor", 1);
        String runId = get("survivor").getStatus().getRunId();
        String jobUid = client.batch().v1().jobs().withName(jobName).get().getMetadata().getUid();
        podLog(jobName + "-kkkkk", new WorkerEvent.Started(100, 0), new WorkerEvent.Step(12, 100, 0, 0.7, 1e-3, 50));
        client.pods().resource(pod(jobName, jobName + "-kkkkk", "Running").build()).create();
        awaitStatus(operator, "survivor", s -> Long.valueOf(12).equals(s.getStep()));

        // trainer-service is killed (evicted, OOM, its node lost) while the Job trains on: nothing is saved on the way out.
        TrainingRunReconciler restarted = operatorAfterKill();
        RunRecord adopted = manager.get().get(runId);
        assertEquals(List.of(RunState.RUNNING, 0), List.of(adopted.state(), adopted.restarts()),
                "the Job never stopped: adopted, no restart counted: " + adopted.reason());
        TrainingRunStatus status = awaitStatus(restarted, "survivor", s -> Long.valueOf(12).equals(s.getStep()));
        assertEquals(List.of(Phase.Running, "Training"), List.of(status.getPhase(), ready(status).getReason()));
        assertEquals(List.of(jobUid), client.batch().v1().jobs().list().getItems().stream()
                .map(j -> j.getMetadata().getUid()).toList(), "the same Job, not a second one");
    }

    @Test
    void aRestartedOperatorTimesTheWaitFromThePodsConditionNotFromItsOwnStart() throws Exception {
        String jobName = startGpuRun(operator(), "long-pending", 1);
        Pod pending = unschedulable(jobName, jobName + "-ppppp");
        pending.getStatus().getConditions().get(0).setLastTransitionTime(Instant.now().minusSeconds(60).toString());
        client.pods().resource(pending).create();
        TrainingRunReconciler restarted = operator(); // knows nothing of the wait but what the pod says
        TrainingRunStatus status = awaitStatus(restarted, "long-pending",
                s -> s.getPhase() == Phase.Failed || "Unschedulable".equals(ready(s).getReason()));
        assertEquals(Phase.Failed, status.getPhase(), "unschedulable for 60 s already: " + ready(status).getMessage());
        assertTrue(ready(status).getMessage().startsWith("spec.resources.gpus: ")
                && ready(status).getMessage().endsWith("(for 3 s)"), ready(status).getMessage());
    }

    @Test
    void anImageNameThatCannotExistFailsAtOnceNamingTheField() throws Exception {
        TrainingRunReconciler operator = operator();
        String jobName = startGpuRun(operator, "bad-image", 1);
        client.pods().resource(pod(jobName, jobName + "-iiiii", "Pending").editStatus().addNewContainerStatus()
                .withName("worker").withImage("registry.example/MDFE:?").withNewState().withNewWaiting()
                .withReason("InvalidImageName").endWaiting().endState().endContainerStatus().endStatus().build()).create();
        TrainingRunStatus status = awaitStatus(operator, "bad-image",
                s -> s.getPhase() == Phase.Failed || "InvalidImageName".equals(ready(s).getReason()));
        assertEquals(List.of(Phase.Failed, "InvalidImageName"), List.of(status.getPhase(), ready(status).getReason()),
                "no wait: " + ready(status).getMessage());
        assertTrue(ready(status).getMessage().startsWith("spec.image: ")
                && ready(status).getMessage().endsWith("registry.example/MDFE:? cannot be pulled"), ready(status).getMessage());
        assertNull(client.batch().v1().jobs().withName(jobName).get());
    }

    @Test
    void aNegativeDeadlineIsRefusedNamingItsSetting() {
        KubernetesJobLauncher launcher = new KubernetesJobLauncher(client, Runs.chartDefaults(), id -> Optional.empty(),
                Duration.ofMillis(100));
        IllegalArgumentException scheduling = assertThrows(IllegalArgumentException.class, () -> new TrainingRunReconciler(
                client, planner, null, launcher, Clock.systemUTC(), IMAGE_PULL_DEADLINE, Duration.ofMinutes(-5)));
        assertEquals("mdfe.k8s.scheduling-deadline must not be negative, not PT-5M", scheduling.getMessage());
        IllegalArgumentException pull = assertThrows(IllegalArgumentException.class, () -> new TrainingRunReconciler(
                client, planner, null, launcher, Clock.systemUTC(), Duration.ofSeconds(-1), SCHEDULING_DEADLINE));
        assertEquals("mdfe.k8s.image-pull-deadline must not be negative, not PT-1S", pull.getMessage());
    }

    @Test
    void aZeroSchedulingDeadlineFailsAnUnschedulableRunAtOnce() throws Exception {
        TrainingRunReconciler operator = operator(Duration.ZERO);
        String jobName = startGpuRun(operator, "fixed-pool", 16);
        client.pods().resource(unschedulable(jobName, jobName + "-fffff")).create();
        TrainingRunStatus status = awaitStatus(operator, "fixed-pool",
                s -> s.getPhase() == Phase.Failed || "Unschedulable".equals(ready(s).getReason()));
        assertEquals(Phase.Failed, status.getPhase(), "no wait: " + ready(status).getMessage());
        assertTrue(ready(status).getMessage().startsWith("spec.resources.gpus: ")
                && ready(status).getMessage().endsWith("Insufficient nvidia.com/gpu."), ready(status).getMessage());
        assertNull(client.batch().v1().jobs().withName(jobName).get());
    }

    @Test
    void deletingTheTrainingRunDeletesItsJob() throws Exception {
        TrainingRunReconciler operator = operator();
        operator.start(60_000); // through the informer, as in the service
        try {
            TrainingRun run = apply("short-lived", gpuSpec(1, 3));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (get("short-lived").getStatus() == null || get("short-lived").getStatus().getJobName() == null) {
                assertTrue(System.nanoTime() < deadline, "the informer did not reconcile the new TrainingRun");
                Thread.sleep(50);
            }
            TrainingRunStatus status = get("short-lived").getStatus();
            Job job = client.batch().v1().jobs().withName(status.getJobName()).get();
            // In a cluster the garbage collector deletes what the TrainingRun controls; the mock server has none,
            // so the reference is checked and the operator's own cancel must delete the Job.
            assertEquals(run.getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid());
            client.resource(get("short-lived")).delete();
            while (client.batch().v1().jobs().withName(status.getJobName()).get() != null) {
                assertTrue(System.nanoTime() < deadline, "the Job outlived its TrainingRun");
                Thread.sleep(50);
            }
            assertEquals(RunState.CANCELLED, manager.get().get(status.getRunId()).state());
        } finally {
            operator.close();
        }
    }

    @Test
    void createsOneOwnedJobAndNoSecondOneAfterAnOperatorRestart() throws Exception {
        TrainingRunReconciler operator = operator();
        operator.reconcile(apply("demo", inlineSpec(demoConfig())));
        TrainingRunStatus status = get("demo").getStatus();
        assertNotNull(status.getRunId(), "the status names the run");
        Job job = client.batch().v1().jobs().withName(status.getJobName()).get();
        assertNotNull(job, "the run's Job");
        assertEquals("demo", job.getMetadata().getOwnerReferences().get(0).getName());
        assertEquals(get("demo").getMetadata().getUid(), job.getMetadata().getOwnerReferences().get(0).getUid());
        assertEquals(Phase.Running, status.getPhase());
        assertEquals("Ready", status.getConditions().get(0).getType());

        String version = get("demo").getMetadata().getResourceVersion();
        operator.reconcile(get("demo"));
        assertEquals(version, get("demo").getMetadata().getResourceVersion(), "an unchanged status is not written");

        TrainingRunReconciler restarted = operator();
        restarted.reconcile(get("demo"));
        assertEquals(1, client.batch().v1().jobs().list().getItems().size(), "no second Job");
        assertEquals(status.getRunId(), get("demo").getStatus().getRunId(), "no second run");
    }

    @Test
    void unknownRecipeFailsNamingTheFieldAndIsNotRetried() {
        TrainingRunReconciler operator = operator();
        TrainingRunSpec spec = new TrainingRunSpec();
        spec.setRecipe("nope");
        operator.reconcile(apply("bad-recipe", spec));
        TrainingRunStatus status = get("bad-recipe").getStatus();
        assertEquals(Phase.Failed, status.getPhase());
        assertEquals("InvalidSpec", status.getConditions().get(0).getReason());
        assertTrue(status.getConditions().get(0).getMessage().startsWith("spec.recipe: "), status.getConditions().get(0).getMessage());
        String version = get("bad-recipe").getMetadata().getResourceVersion();
        operator.reconcile(get("bad-recipe"));
        assertEquals(version, get("bad-recipe").getMetadata().getResourceVersion(), "not retried");
        assertTrue(client.batch().v1().jobs().list().getItems().isEmpty());
    }

    @Test
    void invalidInlineConfigFailsNamingTheField() {
        operator().reconcile(apply("bad-config", inlineSpec("MODEL:\n  embedding_dim: -3\n")));
        TrainingRunStatus status = get("bad-config").getStatus();
        assertEquals(Phase.Failed, status.getPhase());
        assertTrue(status.getConditions().get(0).getMessage().startsWith("spec.config / spec.overrides: "),
                status.getConditions().get(0).getMessage());
    }
}
