package io.mdfe.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.proto.trainer.Checkpoint;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.ProgressUpdate;
import io.mdfe.proto.trainer.Run;
import io.mdfe.proto.trainer.RunState;
import io.mdfe.proto.trainer.TrainerServiceGrpc;
import io.mdfe.service.common.testing.ScratchDirsResource;
import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Boot test of the trainer-service (gRPC health, reflection, ServiceInfo, /q/health, /q/metrics) and its real
 * work: one epoch of the demo config trained in a worker JVM, which for the packaged application of
 * {@link TrainerServiceIT} is started from the jars beside {@code quarkus-run.jar}.
 */
@QuarkusTest
@WithTestResource(TrainerStateResource.class)
class TrainerServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "trainer-service";
    }

    @Test
    void trainsAnEpochInAWorkerAndSavesItsCheckpoint() throws Exception {
        Path data = DemoTraining.demoData(ScratchDirsResource.dir(TrainerStateResource.DATA_ROOT)
                .resolve("boot-" + System.nanoTime()));
        TrainerServiceGrpc.TrainerServiceBlockingStub trainer = TrainerServiceGrpc.newBlockingStub(channel());
        Run started = trainer.withDeadlineAfter(60, TimeUnit.SECONDS)
                .startTraining(DemoTraining.request(data, 1, "[1]"));

        List<ProgressUpdate> updates = DemoTraining.follow(channel(), started.getRunId(), u -> { });
        assertEquals(RunState.RUN_STATE_SUCCEEDED, updates.get(updates.size() - 1).getState(), updates.toString());
        Run done = trainer.withDeadlineAfter(60, TimeUnit.SECONDS)
                .getRun(GetRunRequest.newBuilder().setRunId(started.getRunId()).build());
        assertEquals(6, done.getTotalSteps(), "48 images, batch 8");
        assertTrue(Double.isFinite(done.getLoss()) && done.getLoss() > 0, "loss " + done.getLoss());
        Checkpoint checkpoint = done.getCheckpoints(0);
        assertEquals(6, checkpoint.getStep());
        assertTrue(Files.isRegularFile(Path.of(URI.create(checkpoint.getBundleUri())).resolve("bundle.json")),
                checkpoint.getBundleUri());
    }
}
