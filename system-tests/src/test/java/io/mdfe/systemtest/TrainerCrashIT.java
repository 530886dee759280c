package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.cli.system.ServiceName;
import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.proto.trainer.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos (b): trainer-service is killed with SIGKILL while its run trains, after the first checkpoint. Its worker
 * exits with it; the restarted service resumes the run from its last checkpoint (a second attempt, announced by a
 * second TrainingStarted whose start_step is that checkpoint's step), and every checkpoint is announced once.
 */
@ExtendWith(SharedPipelineSystem.class)
class TrainerCrashIT {

    private static final int EPOCHS = 4;

    @Test
    void aKilledTrainerResumesTheRunFromItsLastCheckpoint(PipelineSystem pipeline) throws Exception {
        Run run = pipeline.startRecipeRun("chaos-trainer", EPOCHS);
        long firstCheckpoint = pipeline.awaitFirstCheckpoint(run.getRunId());

        pipeline.system().kill(ServiceName.TRAINER);
        pipeline.system().restart(ServiceName.TRAINER);

        RunEvents events = pipeline.awaitRunAndEvaluations(run.getRunId());
        Run ended = pipeline.awaitSucceeded(run.getRunId());
        assertEquals(2, ended.getAttempts(), "the first worker and the resumed one");
        List<TrainingStarted> started = events.started();
        assertEquals(2, started.size(), "one TrainingStarted per attempt: " + started);
        assertEquals(0, started.get(0).getStartStep());
        long resumedAt = started.get(1).getStartStep();
        System.out.printf("trainer crash: run %s killed after checkpoint %d, resumed at step %d%n", run.getRunId(),
                firstCheckpoint, resumedAt);
        assertTrue(resumedAt >= firstCheckpoint && resumedAt < ended.getTotalSteps(),
                "resumed from a checkpoint at or after the first one, before the end: " + resumedAt);
        assertTrue(events.checkpointSteps().contains(resumedAt), "resumed from an announced checkpoint: "
                + resumedAt + " not in " + events.checkpointSteps());
        assertEquals(ended.getTotalSteps(), started.get(1).getTotalSteps());
        events.assertWholeRun(ended, EPOCHS);
        RunEvents.assertCloudEvents(events.training(), RunEvents::typeOf);
    }
}
