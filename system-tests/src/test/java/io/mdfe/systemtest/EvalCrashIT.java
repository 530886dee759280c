package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.cli.system.ServiceName;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.GetEvaluationRequest;
import io.mdfe.proto.eval.JobState;
import io.mdfe.proto.eval.ListEvaluationsRequest;
import io.mdfe.proto.events.EvaluationCompleted;
import io.mdfe.proto.events.EvaluationEvent;
import io.mdfe.proto.trainer.Run;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos (c): eval-service is killed with SIGKILL while it evaluates a checkpoint of a run. The restarted service
 * takes the cut-off job up again from scratch, and exactly one EvaluationCompleted is published for it (and for
 * every other evaluation of the run: each checkpoint on val, the last on test).
 */
@ExtendWith(SharedPipelineSystem.class)
class EvalCrashIT {

    private static final int EPOCHS = 2;

    @Test
    void aKilledEvaluationIsRedoneAndAnnouncedOnce(PipelineSystem pipeline) throws Exception {
        Run run = pipeline.startRecipeRun("chaos-eval", EPOCHS);
        Evaluation running = PipelineSystem.awaitValue("an evaluation of run " + run.getRunId() + " running",
                PipelineSystem.RUN_TIMEOUT, () -> pipeline.eval().listEvaluations(
                        ListEvaluationsRequest.getDefaultInstance()).getEvaluationsList().stream()
                        .filter(e -> e.getModel().getModelId().equals(run.getModelId())
                                && e.getProgress().getState() == JobState.JOB_STATE_RUNNING)
                        .findFirst(), 20);

        pipeline.system().kill(ServiceName.EVAL);
        pipeline.system().restart(ServiceName.EVAL);

        RunEvents events = pipeline.awaitRunAndEvaluations(run.getRunId());
        Run ended = pipeline.awaitSucceeded(run.getRunId());
        events.assertWholeRun(ended, EPOCHS);
        List<EvaluationCompleted> redone = RunEvents.distinct(events.evaluations()).stream()
                .map(EvaluationEvent::getCompleted).filter(e -> e.getEvaluationId().equals(running.getEvaluationId()))
                .toList();
        assertEquals(1, redone.size(), "the cut-off job itself was redone and announced once: " + redone);
        assertEquals(running.getModel(), redone.get(0).getModel());
        Evaluation after = PipelineSystem.awaitValue("the redone evaluation", Duration.ofSeconds(30),
                () -> Optional.of(pipeline.eval().getEvaluation(GetEvaluationRequest.newBuilder()
                        .setEvaluationId(running.getEvaluationId()).build())));
        assertEquals(JobState.JOB_STATE_SUCCEEDED, after.getProgress().getState());
        System.out.printf("eval crash: evaluation %s of %s killed while %s, redone%n", running.getEvaluationId(),
                running.getModel().getVersion(), running.getProgress().getPhase());
        RunEvents.assertCloudEvents(events.evaluations(), RunEvents::typeOf);
    }
}
