package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.proto.trainer.DatasetSelector;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.StartTrainingRequest;
import io.mdfe.proto.trainer.StreamProgressRequest;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import io.mdfe.trainer.worker.WorkerCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Shared pieces of the trainer-service's @QuarkusTests: the CI demo data (48 images, CSV name {@code demo}),
 * the demo config at test size (6 steps an epoch), a gRPC channel, and the worker processes of this JVM.
 */
final class DemoTraining {

    /** Overrides that keep a demo run at 6 steps an epoch on one data loader thread. */
    static final List<String> FAST = List.of("DATALOADER.batch_size=8", "DATALOADER.num_workers=1",
            "TRAIN.print_freq=2");

    private DemoTraining() {
    }

    /** Writes the demo data set into {@code dir}/demo and returns that directory. */
    static Path demoData(Path dir) {
        try {
            Path demo = dir.resolve("demo");
            new DemoDataGenerator(7, DemoScale.CI, 2).write(demo, false);
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String demoYaml() {
        try {
            return Files.readString(Path.of("..", "configs", "demo.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo config with {@link #FAST} and the given epochs applied, as one YAML text (for recipes). */
    static String fastYaml(int epochs, String saveEpochs) {
        List<String> overrides = new ArrayList<>(FAST);
        overrides.add("TRAIN.epochs=" + epochs);
        overrides.add("TRAIN.save_epoch=" + saveEpochs);
        return ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), overrides).toYaml();
    }

    /** A run of the demo config on {@code data} for {@code epochs} epochs, saving at {@code saveEpochs}. */
    static StartTrainingRequest request(Path data, int epochs, String saveEpochs) {
        return StartTrainingRequest.newBuilder()
                .setConfigYaml(demoYaml())
                .setDataset(DatasetSelector.newBuilder().setRoot(data.toString()).addNames("demo"))
                .addAllOverrides(FAST)
                .addOverrides("TRAIN.epochs=" + epochs)
                .addOverrides("TRAIN.save_epoch=" + saveEpochs)
                .build();
    }

    static ManagedChannel channel(URL root) {
        return ManagedChannelBuilder.forAddress(root.getHost(), root.getPort()).usePlaintext().build();
    }

    /** Reads a run's progress stream until it ends, calling {@code each} on every update; fails after 3 min. */
    static List<ProgressUpdate> follow(ManagedChannel channel, String runId, java.util.function.Consumer<ProgressUpdate> each) {
        List<ProgressUpdate> updates = new ArrayList<>();
        Iterator<ProgressUpdate> stream = TrainerServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(3, TimeUnit.MINUTES)
                .streamProgress(StreamProgressRequest.newBuilder().setRunId(runId).build());
        stream.forEachRemaining(u -> {
            updates.add(u);
            each.accept(u);
        });
        return updates;
    }

    /** The worker JVMs this test JVM started (through the service under test) that are alive now. */
    static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(WorkerCommand.MARKER)).orElse(false))
                .toList();
    }

    /** Waits up to 20 s for {@code condition}. */
    static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    static <T> long count(List<T> items, Predicate<T> p) {
        return items.stream().filter(p).count();
    }
}
