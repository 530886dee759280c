package io.mdfe.trainer.k8s;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.mdfe.k8s.api.v1alpha1.TrainingResources;
import io.mdfe.k8s.api.v1alpha1.TrainingRun;
import io.mdfe.k8s.api.v1alpha1.TrainingRunSpec;
import io.mdfe.trainer.run.RunRecord;
import io.mdfe.trainer.run.RunSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs, settings and TrainingRuns for the launcher tests. */
final class Runs {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Runs() {
    }

    static RunRecord running(String id) {
        RunSpec spec = new RunSpec("", "", "", "/mdfe/data/demo", List.of("demo"), "SEED: 42\n", "/mdfe/runs/" + id, "m1");
        return RunRecord.queued(id, spec, T0).launched(T0);
    }

    /** The chart's defaults: a GPU pool selected by label and tainted for GPUs. */
    static JobSettings chartDefaults() {
        return new JobSettings("registry.example/mdfe/trainer-service:0.1.0", "mdfe2-trainer-worker", 1,
                new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("8Gi"))
                        .addToLimits("memory", new Quantity("8Gi")).build(),
                Map.of("pool", "gpu"),
                List.of(new TolerationBuilder().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").build()),
                null, "mdfe2-artifacts", "/mdfe", Map.of("app.kubernetes.io/component", "trainer-worker"),
                "/home/jboss/lib/main/*", List.of("-Xmx6g"), 2);
    }

    static TrainingRun trainingRun(String name, int gpus) {
        TrainingRun run = new TrainingRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name).withGeneration(1L).build());
        TrainingRunSpec spec = new TrainingRunSpec();
        spec.setRecipe("demo");
        TrainingResources resources = new TrainingResources();
        resources.setGpus(gpus);
        resources.setMemory("30Gi");
        spec.setResources(resources);
        spec.setNodeSelector(Map.of("cloud.google.com/gke-accelerator", "nvidia-a100"));
        spec.setTolerations(List.of(new TolerationBuilder().withKey("a100").withOperator("Exists").build()));
        spec.setMaxRestarts(4);
        run.setSpec(spec);
        return run;
    }
}
