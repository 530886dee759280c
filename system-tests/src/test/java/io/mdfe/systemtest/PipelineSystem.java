package io.mdfe.systemtest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mdfe.cli.system.ServiceName;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.proto.data.DataServiceGrpc;
import io.mdfe.proto.data.DatasetFormat;
import io.mdfe.proto.data.DatasetInfo;
import io.mdfe.proto.data.RegisterDatasetRequest;
import io.mdfe.proto.embedder.EmbedderServiceGrpc;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.events.DatasetEvent;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.events.TrainingEvent;
import io.mdfe.proto.trainer.ListRunsRequest;
import io.mdfe.proto.trainer.RegisterRecipeRequest;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import io.mdfe.testing.kafka.TopicRecord;
import io.mdfe.testing.kafka.ValueDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The running system the pipeline tests drive, over gRPC as {@code mdfe pipeline} does: the CI-scale demo data in
 * the eval-service's UnED root (which also holds the demo CSV the recipes train on), a recipe per test registered
 * with the trainer-service, and its dataset registered with the data-service, whose DatasetRegistered event makes
 * the trainer start the run. Runs are kept tiny (6 steps an epoch, one data loader thread) so a whole run with
 * its evaluations takes well under a minute.
 */
final class PipelineSystem implements AutoCloseable {

    static final String DATASET_TOPIC = "mdfe.dataset-events";
    static final String TRAINING_TOPIC = "mdfe.training-events";
    static final String EVALUATION_TOPIC = "mdfe.evaluation-events";

    /** How long one tiny run may take on the loaded 2-core machine, evaluations included. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    /** The demo config at test size: 48 CI images in batches of 8, one loader thread. */
    private static final List<String> FAST = List.of("DATALOADER.batch_size=8", "DATALOADER.num_workers=1",
            "TRAIN.print_freq=2");

    private final Path dir;
    private final TestSystem system;
    private final Path demoData;
    private final Map<ServiceName, ManagedChannel> channels = new EnumMap<>(ServiceName.class);

    private PipelineSystem(Path dir, TestSystem system, Path demoData) {
        this.dir = dir;
        this.system = system;
        this.demoData = demoData;
    }

    /** Writes the demo data and starts the system in a new folder under {@code target/}. */
    static PipelineSystem start() {
        try {
            Files.createDirectories(Path.of("target"));
            Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pipeline-it-");
            // The eval-service evaluates checkpoints on <home>/data/uned; the demo folder holds UnED's
            // info_files and the CSV the recipes train on, so one folder serves both.
            Path demo = dir.resolve("home/data/uned");
            new DemoDataGenerator(7, DemoScale.CI, 2).write(demo, false);
            long start = System.nanoTime();
            TestSystem system = TestSystem.start(dir);
            System.out.printf("pipeline system healthy after %.1f s in %s%n", (System.nanoTime() - start) / 1e9, dir);
            return new PipelineSystem(dir, system, demo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestSystem system() {
        return system;
    }

    /** {@return the run folders' root} */
    Path runsDir() {
        return system.settings().folders().runs();
    }

    /** {@return the log file of a process, for failure messages} */
    Path log(String process) {
        return system.settings().folders().logs().resolve(process + ".log");
    }

    TrainerServiceGrpc.TrainerServiceBlockingStub trainer() {
        return TrainerServiceGrpc.newBlockingStub(channel(ServiceName.TRAINER)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    EmbedderServiceGrpc.EmbedderServiceBlockingStub embedder() {
        return EmbedderServiceGrpc.newBlockingStub(channel(ServiceName.EMBEDDER)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    EvalServiceGrpc.EvalServiceBlockingStub eval() {
        return EvalServiceGrpc.newBlockingStub(channel(ServiceName.EVAL)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private synchronized ManagedChannel channel(ServiceName service) {
        return channels.computeIfAbsent(service, s -> ManagedChannelBuilder
                .forAddress(system.settings().host(), system.settings().service(s).port()).usePlaintext().build());
    }

    /**
     * Registers a recipe training the demo config on dataset {@code name}, then that dataset (the demo CSV): the
     * data-service's DatasetRegistered starts the run. One name per test keeps the tests' events apart.
     *
     * @param name the recipe's and the dataset's name
     * @param epochs how many epochs
     * @return the run the event started
     */
    Run startRecipeRun(String name, int epochs) throws InterruptedException {
        String yaml = recipeYaml(epochs);
        trainer().registerRecipe(RegisterRecipeRequest.newBuilder().setName(name).setConfigYaml(yaml)
                .setDatasetId(name).addDatasetNames("demo").setEnabled(true).build());
        DatasetInfo dataset = DataServiceGrpc.newBlockingStub(channel(ServiceName.DATA))
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .registerDataset(RegisterDatasetRequest.newBuilder().setDatasetId(name)
                        .setRoot(demoData.toString()).setFormat(DatasetFormat.DATASET_FORMAT_CSV).addNames("demo")
                        .build());
        return awaitValue("a run of recipe " + name + " started by the dataset event", Duration.ofSeconds(60),
                () -> trainer().listRuns(ListRunsRequest.newBuilder().setRecipe(name).build()).getRunsList().stream()
                        .filter(r -> r.getDataset().getVersion().equals(dataset.getRef().getVersion()))
                        .findFirst());
    }

    /** {@return the demo config at test size for {@code epochs} epochs, saving a checkpoint at each} */
    static String recipeYaml(int epochs) {
        List<String> overrides = new ArrayList<>(FAST);
        overrides.add("TRAIN.epochs=" + epochs);
        overrides.add("TRAIN.save_epoch=" + java.util.stream.IntStream.rangeClosed(1, epochs)
                .mapToObj(String::valueOf).toList().toString().replace(" ", ""));
        return ConfigLoader.load(Checkout.root().resolve("configs/demo.yaml"), overrides).toYaml();
    }

    /** {@return the system's folder (system.yaml, home)} */
    Path dir() {
        return dir;
    }

    /** {@return the demo data folder the recipes train on} */
    Path demoData() {
        return demoData;
    }

    /** Waits until the run ended; fails naming its state, reason and the trainer's log when it did not succeed. */
    Run awaitSucceeded(String runId) throws InterruptedException {
        Run run = awaitRun(runId, r -> r.getState() == RunState.RUN_STATE_SUCCEEDED
                || r.getState() == RunState.RUN_STATE_FAILED || r.getState() == RunState.RUN_STATE_CANCELLED,
                RUN_TIMEOUT);
        if (run.getState() != RunState.RUN_STATE_SUCCEEDED) {
            throw new AssertionError("run " + runId + " ended " + run.getState() + ": " + run.getReason()
                    + " (see " + log("trainer-service") + ")");
        }
        return run;
    }

    /** Waits until the run matches, asking the trainer-service (which may be restarting meanwhile). */
    Run awaitRun(String runId, Predicate<Run> done, Duration timeout) throws InterruptedException {
        return awaitValue("run " + runId, timeout, () -> Optional.of(trainer().getRun(
                io.mdfe.proto.trainer.GetRunRequest.newBuilder().setRunId(runId).build())).filter(done));
    }

    /**
     * Polls until {@code value} is present; an unavailable service (e.g. restarting) counts as not yet.
     *
     * @throws AssertionError naming {@code what} when it does not come in time
     */
    static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> value) throws InterruptedException {
        return awaitValue(what, timeout, value, 200);
    }

    /** {@link #awaitValue(String, Duration, Supplier)}, polling every {@code pollMillis}. */
    static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> value, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Optional<T> found = value.get();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
                        && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(pollMillis);
        }
    }

    /** {@return the dataset topic's decodable records (poison, which the tests write, is left out)} */
    List<TopicRecord<DatasetEvent>> datasetEvents() throws IOException {
        return decodable(TopicSnapshot.read(system.bootstrapServers(), DATASET_TOPIC, lenient(DatasetEvent::parseFrom)));
    }

    /** {@return the training topic's decodable records} */
    List<TopicRecord<TrainingEvent>> trainingEvents() throws IOException {
        return decodable(TopicSnapshot.read(system.bootstrapServers(), TRAINING_TOPIC, lenient(TrainingEvent::parseFrom)));
    }

    /** {@return the evaluation topic's decodable records} */
    List<TopicRecord<EvaluationEvent>> evaluationEvents() throws IOException {
        return decodable(TopicSnapshot.read(system.bootstrapServers(), EVALUATION_TOPIC,
                lenient(EvaluationEvent::parseFrom)));
    }

    /** A decoder that gives null for bytes that are not a message of its type. */
    private static <V> ValueDecoder<V> lenient(ValueDecoder<V> decoder) {
        return bytes -> {
            try {
                return decoder.decode(bytes);
            } catch (InvalidProtocolBufferException e) {
                return null;
            }
        };
    }

    private static <V> List<TopicRecord<V>> decodable(List<TopicRecord<V>> records) {
        return records.stream().filter(r -> r.value() != null).toList();
    }

    /** {@return the raw records of a topic, e.g. a dead-letter topic} */
    List<TopicRecord<byte[]>> rawRecords(String topic) throws IOException {
        return TopicSnapshot.read(system.bootstrapServers(), topic, bytes -> bytes);
    }

    /** Polls the evaluation topic until {@code done} holds. */
    List<TopicRecord<EvaluationEvent>> awaitEvaluationEvents(Predicate<List<TopicRecord<EvaluationEvent>>> done,
                                                             Duration timeout) throws IOException, InterruptedException {
        return decodable(TopicSnapshot.await(system.bootstrapServers(), EVALUATION_TOPIC,
                lenient(EvaluationEvent::parseFrom), records -> done.test(decodable(records)), timeout));
    }

    /**
     * Waits until the trainer-service has recorded the run's first checkpoint, asking it every 20 ms (faster than
     * reading the topic), so a chaos test strikes while the run still trains.
     *
     * @return the checkpoint's step
     */
    long awaitFirstCheckpoint(String runId) throws InterruptedException {
        return awaitValue("the first checkpoint of run " + runId, RUN_TIMEOUT, () -> Optional.of(trainer().getRun(
                io.mdfe.proto.trainer.GetRunRequest.newBuilder().setRunId(runId).build()))
                .filter(r -> r.getCheckpointsCount() > 0), 20).getCheckpoints(0).getStep();
    }

    /** Waits until the run trains (a first step done), asking every 20 ms; returns the run then. */
    Run awaitTraining(String runId) throws InterruptedException {
        return awaitValue("run " + runId + " training", RUN_TIMEOUT, () -> Optional.of(trainer().getRun(
                io.mdfe.proto.trainer.GetRunRequest.newBuilder().setRunId(runId).build()))
                .filter(r -> r.getState() == RunState.RUN_STATE_RUNNING && r.getStep() > 0), 20);
    }

    /**
     * Waits until the run ended well and the eval-service announced a val evaluation of each of its checkpoints and
     * the final test evaluation.
     *
     * @return the run's events then
     */
    RunEvents awaitRunAndEvaluations(String runId) throws IOException, InterruptedException {
        Run ended = awaitSucceeded(runId);
        awaitEvaluationEvents(records -> {
            List<EvaluationCompleted> ofRun = records.stream().map(r -> r.value().getCompleted())
                    .filter(e -> e.getModel().getModelId().equals(ended.getModelId())).toList();
            return ofRun.stream().filter(e -> e.getTrigger().equals("checkpoint")).map(e -> e.getModel().getVersion())
                    .distinct().count() >= ended.getCheckpointsCount()
                    && ofRun.stream().anyMatch(e -> e.getTrigger().equals("final"));
        }, RUN_TIMEOUT);
        return RunEvents.of(this, ended);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        system.close();
        System.out.println("pipeline system stopped; its folder stays for inspection: " + dir);
    }
}
