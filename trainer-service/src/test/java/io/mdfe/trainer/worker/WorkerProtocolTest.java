package io.mdfe.trainer.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.trainer.run.WorkerEvent;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The worker's line protocol and command line. */
class WorkerProtocolTest {

    private final WorkerProtocol protocol = new WorkerProtocol();

    @Test
    void everyReportSurvivesTheRoundTrip() {
        List<WorkerEvent> events = List.of(new WorkerEvent.Started(12, 6),
                new WorkerEvent.Step(7, 12, 1, 2.75, 1e-3, 140.5),
                new WorkerEvent.Step(8, 12, 1, Double.NaN, 1e-3, 140.5),
                new WorkerEvent.Checkpoint(12, 1, "/runs/a b/checkpoints/step-12/bundle", 32),
                new WorkerEvent.Finished(12, 0.5),
                new WorkerEvent.Failed("ConfigException: \"quoted\"\nsecond line"));
        for (WorkerEvent event : events) {
            String line = protocol.encode(event);
            assertTrue(!line.contains("\n"), "one line: " + line);
            assertEquals(Optional.of(event), protocol.decode(line));
        }
        assertTrue(protocol.encode(events.get(0)).contains("\"type\":\"started\""));
    }

    @Test
    void linesThatAreNoReportAreSkipped() {
        assertEquals(Optional.empty(), protocol.decode("WARNING: An illegal reflective access operation"));
        assertEquals(Optional.empty(), protocol.decode("{\"type\":\"unknown\"}"));
        assertEquals(Optional.empty(), protocol.decode("{broken"));
    }

    @Test
    void aPackagedServiceGivesItsWorkerTheJarsBesideQuarkusRun() {
        String cp = WorkerCommand.workerClasspath("/deployments/quarkus-app/quarkus-run.jar");
        assertEquals(String.join(File.pathSeparator, "/deployments/quarkus-app/lib/boot/*",
                "/deployments/quarkus-app/lib/main/*", "/deployments/quarkus-app/app/*"), cp);
        String test = "/m/target/classes" + File.pathSeparator + "/repo/core.jar";
        assertEquals(test, WorkerCommand.workerClasspath(test));
        List<String> command = new WorkerCommand("java", List.of("-Xmx1g"), "cp").arguments("run-1",
                java.nio.file.Path.of("/runs/r"), java.nio.file.Path.of("/data/d"));
        assertEquals(List.of("java", WorkerCommand.MARKER + "run-1", "-Xmx1g", "-cp", "cp", TrainingWorker.class.getName(), "--run-dir", "/runs/r",
                "--data-root", "/data/d"), command);
    }
}
