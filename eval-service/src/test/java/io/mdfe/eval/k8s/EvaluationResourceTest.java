package io.mdfe.eval.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.eval.DemoFixture;
import io.mdfe.eval.events.EvaluationEventPublisher;
import io.mdfe.eval.job.EvaluationJob;
import io.mdfe.eval.job.JobQueue;
import io.mdfe.eval.job.JobState;
import io.mdfe.eval.job.JobTrigger;
import io.mdfe.k8s.api.v1alpha1.Condition;
import io.mdfe.k8s.api.v1alpha1.DomainScores;
import io.mdfe.k8s.api.v1alpha1.Evaluation;
import io.mdfe.k8s.api.v1alpha1.EvaluationStatus;
import io.mdfe.k8s.api.v1alpha1.ModelSource;
import io.mdfe.k8s.api.v1alpha1.Phase;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Protocol;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * eval-service as the Evaluation operator, against the Fabric8 mock API server in CRUD mode (no real API server
 * here) with the real request checks, job queue, UnED runner and event publishing: {@code k8s/examples/evaluation.yaml}
 * applied runs once with its results in the status and its EvaluationCompleted published; re-applied unchanged it
 * does not run again; changed it runs again; deleted it is cancelled; bad input fails naming the field without retry;
 * a gRPC-triggered evaluation appears as a resource labelled by its trigger.
 */
@QuarkusTest
@TestProfile(KubernetesOperatorProfile.class)
class EvaluationResourceTest {

    private static final Duration EVALUATION = Duration.ofSeconds(300);

    @ConfigProperty(name = "mdfe.eval.uned-root")
    Path unedRoot;

    @ConfigProperty(name = "mdfe.eval.allowed-root")
    Path allowedRoot;

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    JobQueue queue;

    private KubernetesClient client;
    private Path bundle;

    @BeforeEach
    void setUp() throws Exception {
        client = KubernetesMockServerResource.client();
        DemoFixture.unedData(unedRoot);
        bundle = DemoFixture.bundle(allowedRoot.resolve("bundles/k8s"), new ModelIds("k8s-run", "step-0"));
    }

    /** The example as a user applies it, pointed at the test's bundle and UnED data. */
    private Evaluation example(String name) throws Exception {
        Evaluation evaluation = client.resources(Evaluation.class)
                .load(Path.of(System.getProperty("user.dir"), "..", "k8s", "examples", "evaluation.yaml").toFile()).item();
        evaluation.getMetadata().setName(name);
        evaluation.getSpec().getModel().setBundleUri(bundle.toUri().toString());
        evaluation.getSpec().setDataRoot(unedRoot.toString());
        return evaluation;
    }

    private Evaluation get(String name) {
        return client.resources(Evaluation.class).withName(name).get();
    }

    private Evaluation await(String name, Duration timeout, Predicate<EvaluationStatus> until) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Evaluation evaluation = get(name);
            if (evaluation != null && evaluation.getStatus() != null && until.test(evaluation.getStatus())) {
                return evaluation;
            }
            assertTrue(System.nanoTime() < deadline, "Evaluation " + name + " stayed at "
                    + (evaluation == null ? "absent" : describe(evaluation.getStatus())));
            Thread.sleep(100);
        }
    }

    private static String describe(EvaluationStatus status) {
        return status == null ? "no status" : status.getPhase() + " " + status.getConditions().stream()
                .map(c -> c.getReason() + ": " + c.getMessage()).toList();
    }

    private static Condition ready(EvaluationStatus status) {
        return status.getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    private long resourceJobs() {
        return queue.list().stream().filter(j -> j.trigger() == JobTrigger.RESOURCE).count();
    }

    private EvaluationCompleted published(InMemorySink<byte[]> events, String evaluationId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            for (var message : events.received()) {
                EvaluationEvent event = EvaluationEvent.parseFrom(message.getPayload());
                if (event.hasCompleted() && event.getCompleted().getEvaluationId().equals(evaluationId)) {
                    return event.getCompleted();
                }
            }
            assertTrue(System.nanoTime() < deadline, "no EvaluationCompleted for " + evaluationId);
            Thread.sleep(50);
        }
    }

    @Test
    void appliedExampleRunsOnceWithItsResultsInTheStatusAndAgainWhenItsSpecChanges() throws Exception {
        InMemorySink<byte[]> events = connector.sink(EvaluationEventPublisher.CHANNEL);
        client.resource(example("example")).create();
        Evaluation done = await("example", EVALUATION, s -> s.getPhase() != null && s.getPhase().isFinal());
        EvaluationStatus status = done.getStatus();
        assertEquals(Phase.Succeeded, status.getPhase(), describe(status));
        assertEquals(List.of(Condition.Status.True, "Evaluated", 1L),
                List.of(ready(status).getStatus(), ready(status).getReason(), status.getObservedGeneration()));
        assertEquals(bundle.toUri().toString(), status.getModel());
        assertEquals(List.of("food2k", "sop"), status.getResults().stream().map(DomainScores::getDomain).sorted().toList());
        for (DomainScores domain : status.getResults()) {
            for (Double metric : List.of(domain.getRecallAt1(), domain.getMmpAt5(), domain.getMapAt5())) {
                assertTrue(metric != null && metric >= 0 && metric <= 1, domain.getDomain() + ": " + metric);
            }
            assertTrue(domain.getQueries() > 0);
        }
        double meanR1 = status.getResults().stream().mapToDouble(DomainScores::getRecallAt1).average().orElseThrow();
        assertEquals(meanR1, status.getMean().getRecallAt1(), 1e-9, "the mean is over the domains");
        assertNotNull(status.getMean().getMmpAt5());
        assertNotNull(status.getMean().getMapAt5());
        assertTrue(!Instant.parse(status.getFinishTime()).isBefore(Instant.parse(status.getStartTime())));

        // The same code path as every evaluation: the queue's job, and its EvaluationCompleted.
        EvaluationJob job = queue.get(status.getEvaluationId()).orElseThrow();
        assertEquals(List.of(JobTrigger.RESOURCE, "annoy", Map.of("n_trees", "300")),
                List.of(job.trigger(), job.spec().indexBackend(), job.spec().indexParams()));
        EvaluationCompleted completed = published(events, status.getEvaluationId());
        assertEquals(List.of("resource", "test", "merged"), List.of(completed.getTrigger(), completed.getSplit(),
                completed.getProtocol()));
        assertEquals(status.getMean().getRecallAt1(), completed.getMeanOrThrow("R@1"), 1e-9);

        // Re-applied unchanged (only metadata differs, so the generation stays): nothing runs again.
        long jobs = resourceJobs();
        client.resources(Evaluation.class).withName("example").edit(e -> {
            e.getMetadata().setLabels(Map.of("reapplied", "true"));
            return e;
        });
        Thread.sleep(3000); // three resyncs
        assertEquals(jobs, resourceJobs(), "no second run");
        assertEquals(status.getEvaluationId(), get("example").getStatus().getEvaluationId());
        assertEquals(1L, get("example").getMetadata().getGeneration());

        // A changed spec is a new generation: it runs again, on the new domains.
        client.resources(Evaluation.class).withName("example").edit(e -> {
            e.getSpec().setDomains(List.of("sop"));
            return e;
        });
        Evaluation rerun = await("example", EVALUATION, s -> Long.valueOf(2).equals(s.getObservedGeneration())
                && s.getPhase() != null && s.getPhase().isFinal());
        assertEquals(Phase.Succeeded, rerun.getStatus().getPhase(), describe(rerun.getStatus()));
        assertNotEquals(status.getEvaluationId(), rerun.getStatus().getEvaluationId());
        assertEquals(List.of("sop"), rerun.getStatus().getResults().stream().map(DomainScores::getDomain).toList());
        assertEquals(jobs + 1, resourceJobs());
    }

    @Test
    void badInputFailsNamingTheFieldAndIsNotRetried() throws Exception {
        Evaluation missingBundle = example("missing-bundle");
        missingBundle.getSpec().getModel().setBundleUri(allowedRoot.resolve("bundles/no-such-bundle").toUri().toString());
        Evaluation unknownDomain = example("unknown-domain");
        unknownDomain.getSpec().setDomains(List.of("sop", "atlantis"));
        Evaluation unknownRun = example("unknown-run");
        ModelSource fromRun = new ModelSource();
        fromRun.setTrainingRun("no-such-run");
        unknownRun.getSpec().setModel(fromRun);
        long jobs = resourceJobs();
        for (Evaluation bad : List.of(missingBundle, unknownDomain, unknownRun)) {
            client.resource(bad).create();
        }
        Map<String, String> fields = Map.of("missing-bundle", "spec.model.bundleUri: ", "unknown-domain",
                "spec.domains: ", "unknown-run", "spec.model.trainingRun: no TrainingRun 'no-such-run'");
        for (Map.Entry<String, String> bad : fields.entrySet()) {
            EvaluationStatus status = await(bad.getKey(), Duration.ofSeconds(30), s -> s.getPhase() == Phase.Failed).getStatus();
            assertEquals("InvalidSpec", ready(status).getReason());
            assertTrue(ready(status).getMessage().startsWith(bad.getValue()), ready(status).getMessage());
            assertNull(status.getEvaluationId());
        }
        assertTrue(ready(get("unknown-domain").getStatus()).getMessage().contains("atlantis"));
        String version = get("missing-bundle").getMetadata().getResourceVersion();
        Thread.sleep(2500); // resyncs
        assertEquals(version, get("missing-bundle").getMetadata().getResourceVersion(), "not retried");
        assertEquals(jobs, resourceJobs(), "nothing queued");
    }

    @Test
    void grpcEvaluationsAppearAsResourcesAndDeletingAQueuedEvaluationCancelsIt() throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
        try {
            EvalServiceGrpc.EvalServiceBlockingStub eval = EvalServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS);
            // Two gRPC evaluations keep the single worker busy while the resource below waits in the queue.
            String first = eval.evaluate(EvaluateRequest.newBuilder().setBundleUri(bundle.toUri().toString())
                    .setDataRoot(unedRoot.toString()).setProtocol(Protocol.PROTOCOL_SEPARATE).build()).getEvaluationId();
            eval.evaluate(EvaluateRequest.newBuilder().setBundleUri(bundle.toUri().toString())
                    .setDataRoot(unedRoot.toString()).setProtocol(Protocol.PROTOCOL_SEPARATE).build());

            client.resource(example("short-lived")).create();
            String id = await("short-lived", Duration.ofSeconds(30), s -> s.getEvaluationId() != null).getStatus().getEvaluationId();
            client.resources(Evaluation.class).withName("short-lived").delete();
            EvaluationJob cancelled = awaitJob(id, j -> j.state().terminal());
            assertEquals(JobState.FAILED, cancelled.state());
            assertEquals("cancelled: Evaluation short-lived was deleted", cancelled.error());

            // The gRPC evaluation as a resource: named after its job, labelled by its trigger, its status its job's.
            String mirror = "request-" + first;
            Evaluation mirrored = await(mirror, EVALUATION, s -> s.getPhase() == Phase.Succeeded);
            assertEquals("request", mirrored.getMetadata().getLabels().get("mdfe.io/trigger"));
            assertEquals(first, mirrored.getMetadata().getAnnotations().get("mdfe.io/evaluation-id"));
            assertEquals(bundle.toUri().toString(), mirrored.getSpec().getModel().getBundleUri());
            assertEquals("separate", mirrored.getSpec().getProtocol().name());
            assertEquals(first, mirrored.getStatus().getEvaluationId());
            assertEquals(queue.get(first).orElseThrow().table().mean().get("R@1"),
                    mirrored.getStatus().getMean().getRecallAt1(), 1e-9);
            assertEquals(Optional.empty(), client.resources(Evaluation.class).withLabel("mdfe.io/trigger", "request")
                    .list().getItems().stream().filter(e -> e.getMetadata().getName().equals("short-lived")).findAny());
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private EvaluationJob awaitJob(String id, Predicate<EvaluationJob> until) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        EvaluationJob job = queue.get(id).orElseThrow();
        while (!until.test(job)) {
            assertTrue(System.nanoTime() < deadline, "evaluation " + id + " stayed " + job.state());
            Thread.sleep(50);
            job = queue.get(id).orElseThrow();
        }
        return job;
    }
}
