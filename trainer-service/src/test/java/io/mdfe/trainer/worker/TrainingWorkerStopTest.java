package io.mdfe.trainer.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.config.ConfigLoader;
import io.mdfe.core.config.MdfeConfig;
import io.mdfe.core.data.demo.DemoDataGenerator;
import io.mdfe.core.data.demo.DemoScale;
import io.mdfe.core.train.RunDirectory;
import io.mdfe.core.train.StopRequest;
import io.mdfe.trainer.run.WorkerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker JVM under a stop signal and on unreadable data: SIGTERM mid-run ends the step, reports no failure,
 * exits 143 without a crash and leaves the checkpoint to resume from; a data set without one readable image
 * fails the run naming the cause instead of holding its slot for ever.
 */
class TrainingWorkerStopTest {

    @TempDir
    Path tmp;

    private RunDirectory run(Path dataRoot, String... extra) throws Exception {
        List<String> overrides = new ArrayList<>(List.of("DATALOADER.batch_size=8", "DATALOADER.num_workers=1",
                "TRAIN.epochs=3", "TRAIN.save_epoch=[1,3]", "TRAIN.print_freq=1"));
        overrides.addAll(List.of(extra));
        MdfeConfig cfg = ConfigLoader.load(Path.of("..", "configs", "demo.yaml"), overrides);
        return RunDirectory.create(tmp.resolve("runs"), cfg, new Random(1));
    }

    @Test
    void sigtermStopsAtASafePointAndTheRunResumes() throws Exception {
        Path data = tmp.resolve("demo");
        new DemoDataGenerator(7, DemoScale.CI, 2).write(data, false);
        RunDirectory run = run(data);
        WorkerCommand command = new WorkerCommand(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                List.of("-Xmx512m", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true"),
                System.getProperty("java.class.path"));
        Path stdout = tmp.resolve("worker.out");
        Path stderr = tmp.resolve("worker.err");
        // standard input stays an open pipe: the worker exits when it closes (the service is gone)
        Process worker = new ProcessBuilder(command.arguments("r1", run.dir(), data)).directory(tmp.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            while (worker.isAlive() && Instant.now().isBefore(deadline)
                    && !(Files.exists(run.log()) && Files.readString(run.log()).contains("step 8/18"))) {
                Thread.sleep(20);
            }
            assertTrue(worker.isAlive(), "signalled mid-run: " + Files.readString(stderr));
            // SIGTERM alone, as Kubernetes sends it (Process.destroy would also close the worker's standard input)
            worker.toHandle().destroy();
            assertTrue(worker.waitFor(2, TimeUnit.MINUTES), "the worker ends after the signal");
        } finally {
            worker.destroyForcibly().waitFor();
        }
        String err = Files.readString(stderr);
        assertEquals(TrainingWorker.STOPPED, worker.exitValue(), err);
        assertTrue(err.contains("TrainingWorker: stopped after step "), err);
        assertTrue(err.contains("last checkpoint " + run.checkpoints().resolve("step-6")), err);
        WorkerProtocol protocol = new WorkerProtocol();
        List<WorkerEvent> events = Files.readAllLines(stdout).stream().map(protocol::decode).flatMap(Optional::stream)
                .toList();
        assertTrue(events.stream().noneMatch(e -> e instanceof WorkerEvent.Failed), "a stop is no failure: " + events);
        try (Stream<Path> files = Files.list(tmp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "no JVM crash file");
        }

        List<WorkerEvent> resumed = new ArrayList<>();
        assertEquals(0, TrainingWorker.train(run.dir(), data, resumed::add, new StopRequest()));
        assertEquals(18, assertInstanceOf(WorkerEvent.Finished.class, resumed.get(resumed.size() - 1)).steps());
        assertInstanceOf(WorkerEvent.Started.class, resumed.get(0));
        assertFalse(((WorkerEvent.Started) resumed.get(0)).startStep() == 0, "resumed, not restarted");
    }

    @Test
    void unreadableDataFailsTheRunNamingTheCause() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("bad"));
        List<String> rows = new ArrayList<>(List.of("img_path,label"));
        for (int i = 0; i < 4; i++) {
            Files.write(data.resolve("x" + i + ".jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
            rows.add("x" + i + ".jpg," + i % 2);
        }
        Files.write(data.resolve("bad_train.csv"), rows);
        RunDirectory run = run(data, "DATASET.names=[bad]", "DATALOADER.batch_size=2");
        List<WorkerEvent> events = new ArrayList<>();
        assertEquals(2, TrainingWorker.train(run.dir(), data, events::add, new StopRequest()));
        WorkerEvent.Failed failed = assertInstanceOf(WorkerEvent.Failed.class, events.get(events.size() - 1));
        assertTrue(failed.reason().contains("no image of the training set could be read: 4 skipped, first: "),
                failed.reason());
    }
}
