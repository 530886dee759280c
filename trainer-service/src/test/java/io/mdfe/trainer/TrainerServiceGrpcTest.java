package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.proto.common.DatasetRef;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.DatasetUpdated;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.trainer.CancelRunRequest;
import io.mdfe.proto.trainer.Checkpoint;
import io.mdfe.proto.trainer.DatasetSelector;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.ListRecipesRequest;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import io.mdfe.service.common.events.outbox.Outbox;
import io.mdfe.trainer.events.DatasetEventConsumer;
import io.mdfe.trainer.events.TrainingEventPublisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer-service over a real gRPC channel, training the demo data in real worker JVMs. Training events
 * go to the in-memory connector; dataset events come from it.
 */
@QuarkusTest
class TrainerServiceGrpcTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    @Any
    InMemoryConnector connector;

    @TempDir
    Path tmp;

    private ManagedChannel channel;
    private TrainerServiceGrpc.TrainerServiceBlockingStub trainer;
    private InMemorySink<byte[]> events;

    @Inject
    Outbox outbox;

    @BeforeEach
    void connect() {
        channel = DemoTraining.channel(root);
        trainer = TrainerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(300, TimeUnit.SECONDS);
        events = connector.sink(TrainingEventPublisher.CHANNEL);
        events.clear();
    }

    /** A failed test may leave a run going; cancelling it keeps the next test from queueing behind it. */
    @AfterEach
    void cancelLeftoversAndDisconnect() throws InterruptedException {
        for (Run run : trainer.listRuns(ListRunsRequest.newBuilder().addStates(RunState.RUN_STATE_QUEUED)
                .addStates(RunState.RUN_STATE_RUNNING).build()).getRunsList()) {
            trainer.cancelRun(CancelRunRequest.newBuilder().setRunId(run.getRunId()).build());
        }
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    /** The run's published events, once the outbox relay has published everything written so far. */
    private List<TrainingEvent> eventsOf(String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outbox.depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, outbox.depth(), "outbox drained");
        List<TrainingEvent> published = new ArrayList<>();
        for (Message<byte[]> message : events.received()) {
            if (message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey().equals(runId)) {
                published.add(TrainingEvent.parseFrom(message.getPayload()));
            }
        }
        return published;
    }

    @Test
    void aRunTrainsStreamsItsProgressAndPublishesItsMilestones() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        Run started = trainer.startTraining(DemoTraining.request(data, 2, "[1,2]"));
        assertTrue(started.getRunId().startsWith("run-"));
        assertEquals(List.of("demo"), started.getDatasetNamesList());

        List<ProgressUpdate> updates = DemoTraining.follow(channel, started.getRunId(), u -> { });
        ProgressUpdate last = updates.get(updates.size() - 1);
        assertEquals(RunState.RUN_STATE_SUCCEEDED, last.getState());
        // 48 images / batch 8 = 6 steps an epoch, 2 epochs
        assertEquals(12, last.getStep().getStep());
        List<Long> steps = updates.stream().filter(ProgressUpdate::hasStep).map(u -> u.getStep().getStep())
                .distinct().toList();
        assertEquals(12, steps.size(), "every step is streamed: " + steps);
        assertTrue(updates.stream().filter(ProgressUpdate::hasStep).allMatch(u -> u.getStep().getTotalSteps() == 12
                && u.getStep().getImagesPerSecond() > 0 && u.getStep().getLr() > 0));
        List<Long> announced = updates.stream().filter(ProgressUpdate::hasCheckpoint)
                .map(u -> u.getCheckpoint().getStep()).distinct().toList();
        assertEquals(List.of(6L, 12L), announced);

        Run done = trainer.getRun(GetRunRequest.newBuilder().setRunId(started.getRunId()).build());
        assertEquals(RunState.RUN_STATE_SUCCEEDED, done.getState());
        assertEquals(1, done.getAttempts());
        assertEquals(12, done.getTotalSteps());
        assertEquals(2, done.getCheckpointsCount());
        for (Checkpoint c : done.getCheckpointsList()) {
            assertTrue(Files.isDirectory(Path.of(URI.create(c.getBundleUri()))), c.getBundleUri());
            assertEquals(32, c.getEmbeddingDim());
            assertEquals(done.getModelId(), c.getModel().getModelId());
            assertEquals("step-" + c.getStep(), c.getModel().getVersion());
        }
        assertTrue(Files.size(Path.of(done.getRunDir(), "train.log")) > 0);
        assertTrue(trainer.listRuns(ListRunsRequest.newBuilder().addStates(RunState.RUN_STATE_SUCCEEDED).build())
                .getRunsList().stream().anyMatch(r -> r.getRunId().equals(started.getRunId())));

        List<TrainingEvent> published = eventsOf(started.getRunId());
        assertEquals(List.of(TrainingEvent.KindCase.STARTED, TrainingEvent.KindCase.CHECKPOINT_SAVED,
                TrainingEvent.KindCase.CHECKPOINT_SAVED, TrainingEvent.KindCase.FINISHED),
                published.stream().map(TrainingEvent::getKindCase).toList());
        assertEquals(12, published.get(0).getStarted().getTotalSteps());
        assertEquals(done.getCheckpoints(1).getBundleUri(), published.get(2).getCheckpointSaved().getBundleUri());
        assertEquals(12, published.get(3).getFinished().getLastCheckpoint().getStep());
        assertEquals(done.getLoss(), published.get(3).getFinished().getFinalLoss());
    }

    @Test
    void aKilledWorkerIsResumedFromItsLastCheckpoint() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        Run started = trainer.startTraining(DemoTraining.request(data, 3, "[1,2,3]"));
        AtomicBoolean killed = new AtomicBoolean();
        List<ProgressUpdate> updates = DemoTraining.follow(channel, started.getRunId(), u -> {
            if (u.hasCheckpoint() && u.getCheckpoint().getStep() == 6 && !killed.getAndSet(true)) {
                List<ProcessHandle> workers = DemoTraining.workers();
                assertEquals(1, workers.size(), "one worker at a time");
                workers.get(0).destroyForcibly();
            }
        });
        assertTrue(killed.get());
        assertTrue(updates.stream().anyMatch(u -> u.getAttempt() == 2), "the stream shows the second attempt");
        assertEquals(RunState.RUN_STATE_SUCCEEDED, updates.get(updates.size() - 1).getState());

        // a fresh deadline: two worker starts can outlast the stub's 60 s on a busy machine
        Run done = trainer.withDeadlineAfter(60, TimeUnit.SECONDS).getRun(GetRunRequest.newBuilder()
                .setRunId(started.getRunId()).build());
        assertEquals(2, done.getAttempts());
        assertEquals(18, done.getStep());
        assertEquals(List.of(6L, 12L, 18L), done.getCheckpointsList().stream().map(Checkpoint::getStep).toList());
        List<TrainingEvent> published = eventsOf(started.getRunId());
        List<Long> startSteps = published.stream().filter(TrainingEvent::hasStarted)
                .map(e -> e.getStarted().getStartStep()).toList();
        assertEquals(List.of(0L, 6L), startSteps, "the second worker resumed at the checkpoint");
        assertTrue(published.get(published.size() - 1).hasFinished());
        assertFalse(published.stream().anyMatch(TrainingEvent::hasFailed));
        assertTrue(Files.readString(Path.of(done.getRunDir(), "train.log")).contains("resumed from"));
    }

    @Test
    void queuedAndRunningRunsAreCancelled() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        Run running = trainer.startTraining(DemoTraining.request(data, 200, "[200]"));
        Run queued = trainer.startTraining(DemoTraining.request(data, 2, "[2]"));
        assertEquals(RunState.RUN_STATE_RUNNING, running.getState());
        assertEquals(RunState.RUN_STATE_QUEUED, queued.getState(), "one run at a time");

        Run cancelledQueued = trainer.cancelRun(CancelRunRequest.newBuilder().setRunId(queued.getRunId()).build());
        assertEquals(RunState.RUN_STATE_CANCELLED, cancelledQueued.getState());
        DemoTraining.await("a step of the running run", () -> trainer.getRun(GetRunRequest.newBuilder()
                .setRunId(running.getRunId()).build()).getStep() > 0);
        assertEquals(1, DemoTraining.workers().size());

        Run cancelled = trainer.cancelRun(CancelRunRequest.newBuilder().setRunId(running.getRunId()).build());
        assertEquals(RunState.RUN_STATE_CANCELLED, cancelled.getState());
        assertTrue(cancelled.getReason().startsWith("cancelled by request"), cancelled.getReason());
        DemoTraining.await("the worker to exit", () -> DemoTraining.workers().isEmpty());
        List<ProgressUpdate> afterwards = DemoTraining.follow(channel, running.getRunId(), u -> { });
        assertEquals(1, afterwards.size(), "an ended run's stream is its final state");
        assertEquals(RunState.RUN_STATE_CANCELLED, afterwards.get(0).getState());

        StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
                () -> trainer.cancelRun(CancelRunRequest.newBuilder().setRunId(running.getRunId()).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, again.getStatus().getCode());
        List<TrainingEvent> published = eventsOf(running.getRunId());
        assertTrue(published.get(published.size() - 1).getFailed().getReason().startsWith("CANCELLED"));
    }

    @Test
    void badRequestsGetStatusesNamingTheField() {
        Path data = DemoTraining.demoData(tmp);
        assertStatus(Status.Code.INVALID_ARGUMENT, "config", () -> trainer.startTraining(
                StartTrainingRequest.newBuilder().build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "config_yaml / overrides", () -> trainer.startTraining(
                DemoTraining.request(data, 2, "[2]").toBuilder().addOverrides("MODEL.HEAD.nme=ArcFace").build()));
        assertStatus(Status.Code.PERMISSION_DENIED, "dataset.root", () -> trainer.startTraining(
                DemoTraining.request(data, 2, "[2]").toBuilder()
                        .setDataset(DatasetSelector.newBuilder().setRoot("/etc")).build()));
        assertStatus(Status.Code.NOT_FOUND, "dataset.registered.dataset_id", () -> trainer.startTraining(
                DemoTraining.request(data, 2, "[2]").toBuilder().setDataset(DatasetSelector.newBuilder()
                        .setRegistered(DatasetRef.newBuilder().setDatasetId("never-announced"))).build()));
        assertStatus(Status.Code.NOT_FOUND, "recipe", () -> trainer.startTraining(
                StartTrainingRequest.newBuilder().setRecipe("no-such-recipe").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "run_id", () -> trainer.getRun(GetRunRequest.getDefaultInstance()));
        assertStatus(Status.Code.NOT_FOUND, "run_id", () -> trainer.getRun(
                GetRunRequest.newBuilder().setRunId("run-000000000000").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "name", () -> trainer.registerRecipe(
                RegisterRecipeRequest.newBuilder().setName("Nope!").setDatasetId("shop")
                        .setConfigYaml(DemoTraining.demoYaml()).build()));
        assertStatus(Status.Code.NOT_FOUND, "run_id", () -> DemoTraining.follow(channel, "run-000000000000", u -> { }));
    }

    @Test
    void aDatasetEventStartsOneRunPerVersionOfTheRecipesDataset() throws Exception {
        Path data = DemoTraining.demoData(tmp);
        trainer.registerRecipe(RegisterRecipeRequest.newBuilder().setName("shop-grpc").setDatasetId("shop-grpc")
                .setConfigYaml(DemoTraining.fastYaml(200, "[200]")).setEnabled(true).build());
        DatasetEvent event = DatasetEvent.newBuilder().setUpdated(DatasetUpdated.newBuilder()
                .setDataset(DatasetInfo.newBuilder().setRef(DatasetRef.newBuilder().setDatasetId("shop-grpc")
                        .setVersion("v1")).setRoot(data.toString()).addNames("demo"))).build();
        connector.source(DatasetEventConsumer.CHANNEL).send(event);
        connector.source(DatasetEventConsumer.CHANNEL).send(event);

        ListRunsRequest ofRecipe = ListRunsRequest.newBuilder().setRecipe("shop-grpc").build();
        DemoTraining.await("the retraining run", () -> trainer.listRuns(ofRecipe).getRunsCount() > 0);
        Thread.sleep(1000); // room for a wrong second run from the duplicate event
        List<Run> runs = trainer.listRuns(ofRecipe).getRunsList();
        assertEquals(1, runs.size(), "the duplicate event started nothing");
        assertEquals("v1", runs.get(0).getDataset().getVersion());
        assertEquals("v1", trainer.listRecipes(ListRecipesRequest.getDefaultInstance()).getRecipesList().stream()
                .filter(r -> r.getName().equals("shop-grpc")).findFirst().orElseThrow().getLastDatasetVersion());
        trainer.cancelRun(CancelRunRequest.newBuilder().setRunId(runs.get(0).getRunId()).build());
        DemoTraining.await("the worker to exit", () -> DemoTraining.workers().isEmpty());
    }

    private static void assertStatus(Status.Code code, String field, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().startsWith(field), e.getStatus().getDescription());
    }
}
