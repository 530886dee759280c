package io.mdfe.eval;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdfe.core.model.bundle.ModelIds;
import io.mdfe.proto.eval.EvalServiceGrpc;
import io.mdfe.proto.eval.EvaluateRequest;
import io.mdfe.proto.eval.Evaluation;
import io.mdfe.proto.eval.GetEvaluationRequest;
import io.mdfe.proto.eval.JobState;
import io.mdfe.service.common.testing.ScratchDirsResource;
import io.mdfe.service.common.testing.ServiceBootTest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Boot test of the eval-service (gRPC health, reflection, ServiceInfo, /q/health, /q/metrics) and its real
 * work: an untrained demo bundle evaluated on the demo UnED val split.
 */
@QuarkusTest
@WithTestResource(EvalScratch.class)
class EvalServiceTest extends ServiceBootTest {

    @Override
    protected String expectedServiceName() {
        return "eval-service";
    }

    @Test
    void evaluatesABundleOnTheDemoData() throws Exception {
        Path uned = DemoFixture.unedData(ScratchDirsResource.dir(EvalScratch.UNED_ROOT));
        Path bundle = DemoFixture.bundle(ScratchDirsResource.dir(EvalScratch.BUNDLES).resolve("boot"),
                new ModelIds("boot-run", "step-0"));
        EvalServiceGrpc.EvalServiceBlockingStub eval = EvalServiceGrpc.newBlockingStub(channel());
        String id = eval.withDeadlineAfter(60, SECONDS).evaluate(EvaluateRequest.newBuilder()
                .setBundleUri(bundle.toUri().toString()).setDataRoot(uned.toString()).build()).getEvaluationId();

        Evaluation done = awaitFinished(eval, id);
        assertEquals("boot-run", done.getModel().getModelId());
        assertEquals(4, done.getDomainsCount(), done.toString());
        double r1 = done.getMeanOrThrow("R@1");
        assertTrue(r1 > 0 && r1 <= 1, "mean R@1 " + r1);
    }

    private static Evaluation awaitFinished(EvalServiceGrpc.EvalServiceBlockingStub eval, String id)
            throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            Evaluation e = eval.withDeadlineAfter(30, SECONDS)
                    .getEvaluation(GetEvaluationRequest.newBuilder().setEvaluationId(id).build());
            if (e.getProgress().getState() == JobState.JOB_STATE_SUCCEEDED) {
                return e;
            }
            assertTrue(e.getProgress().getState() != JobState.JOB_STATE_FAILED, e.getError());
            Thread.sleep(100);
        }
        throw new AssertionError("evaluation " + id + " did not finish in 300 s");
    }
}
