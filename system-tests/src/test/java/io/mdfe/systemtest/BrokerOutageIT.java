package io.mdfe.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mdfe.proto.events.TrainingStarted;
import io.mdfe.proto.trainer.GetRunRequest;
import io.mdfe.proto.trainer.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Chaos (a): the broker is stopped for 20 s while a run trains, then started again on its data folder. The
 * trainer-service goes on training meanwhile (it is stopped as soon as the run's first step is done), its events wait in
 * its outbox, and once the broker is back they are relayed and consumed: counted afterwards, nothing is lost and nothing is applied twice.
 */
@ExtendWith(SharedPipelineSystem.class)
class BrokerOutageIT {

    private static final int EPOCHS = 4;
    private static final long OUTAGE_MILLIS = 20_000;

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveOnceItIsBack(PipelineSystem pipeline) throws Exception {
        Run run = pipeline.startRecipeRun("chaos-broker", EPOCHS);
        // As soon as it trains: every checkpoint comes while the broker is away, or after it
        long stepAtStop = pipeline.awaitTraining(run.getRunId()).getStep();

        pipeline.system().stopBroker();
        Thread.sleep(OUTAGE_MILLIS);
        long stepAtRestart = step(pipeline, run);
        pipeline.system().startBroker();
        System.out.printf("broker outage: run %s at step %d when the broker stopped, %d when it restarted 20 s later%n",
                run.getRunId(), stepAtStop, stepAtRestart);

        RunEvents events = pipeline.awaitRunAndEvaluations(run.getRunId());
        Run ended = pipeline.awaitSucceeded(run.getRunId());
        assertEquals(1, ended.getAttempts(), "the worker never stopped");
        List<TrainingStarted> started = events.started();
        assertEquals(1, started.size(), "TrainingStarted: " + started);
        assertEquals(0, started.get(0).getStartStep());
        events.assertWholeRun(ended, EPOCHS);
        RunEvents.assertCloudEvents(events.training(), RunEvents::typeOf);
        RunEvents.assertCloudEvents(events.evaluations(), RunEvents::typeOf);
    }

    /** The run's step as the trainer-service knows it (it needs no broker to answer). */
    private static long step(PipelineSystem pipeline, Run run) {
        return pipeline.trainer().getRun(GetRunRequest.newBuilder().setRunId(run.getRunId()).build()).getStep();
    }
}
